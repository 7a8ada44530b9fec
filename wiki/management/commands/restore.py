"""python manage.py restore ARCHIVE — restore a backup into an empty database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wiki.backup import BackupError, restore_site


class Command(BaseCommand):
    help = (
        "Restaure une sauvegarde (base de données et fichiers) dans une base vide, "
        "puis reconstruit les index de recherche."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="archive écrite par « manage.py backup »")

    def handle(self, *args, archive: Path, **options):
        if not archive.is_file():
            raise CommandError(f"{archive} : aucun fichier à cet endroit.")
        try:
            report = restore_site(archive, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from error
        for warning in report.warnings:
            self.stderr.write(warning)
        self.stdout.write(
            f"Restauration terminée : {sum(report.counts.values())} enregistrement(s), "
            f"{report.media_files} fichier(s)."
        )
