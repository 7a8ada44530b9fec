"""python manage.py export_practices DIR — write every published practice as Markdown."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wiki.exchange.exporter import export_practices


class Command(BaseCommand):
    help = "Exporte les fiches pratiques publiées au format d'échange (un fichier .md par fiche)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Dossier où écrire les fichiers.")
        parser.add_argument(
            "--brouillons",
            action="store_true",
            dest="include_drafts",
            help="Exporter la dernière version de chaque fiche, même non publiée.",
        )

    def handle(self, *args, directory: Path, include_drafts: bool, **options):
        if directory.exists() and not directory.is_dir():
            raise CommandError(f"{directory} existe et n'est pas un dossier.")
        try:
            written = export_practices(directory, include_drafts=include_drafts)
        except OSError as error:
            raise CommandError(f"Écriture impossible dans {directory} : {error}") from error
        self.stdout.write(f"{len(written)} fiche(s) écrite(s) dans {directory}.")
