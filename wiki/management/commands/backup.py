"""python manage.py backup ARCHIVE — the database and the media files in one .tar.gz archive."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wiki.backup import backup_site


class Command(BaseCommand):
    help = "Sauvegarde la base de données et les fichiers (MEDIA_ROOT) dans une archive .tar.gz."

    def add_arguments(self, parser):
        parser.add_argument(
            "archive", type=Path, help="fichier à écrire, par ex. sauvegarde.tar.gz"
        )

    def handle(self, *args, archive: Path, **options):
        try:
            report = backup_site(archive)
        except OSError as error:
            raise CommandError(f"Sauvegarde impossible, rien n'a été écrit : {error}") from error
        rows = sum(report.counts.values())
        self.stdout.write(
            f"Sauvegarde écrite : {report.archive} ({rows} enregistrement(s), "
            f"{report.media_files} fichier(s))."
        )
