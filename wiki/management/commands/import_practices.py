"""python manage.py import_practices PATH — import practice files (a folder or one file)."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wiki.exchange.importer import import_practices

OUTCOME_LABELS = {
    "created": "créée",
    "updated": "mise à jour",
    "unchanged": "inchangée",
}


class Command(BaseCommand):
    help = "Importe des fiches pratiques au format d'échange (Markdown + YAML)."

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="Un dossier de fichiers .md, ou un fichier.")
        parser.add_argument("--user", help="Nom d'utilisateur à qui attribuer les révisions.")

    def handle(self, *args, path: Path, user: str | None, verbosity: int, **options):
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"Utilisateur inconnu : {user}")

        def progress(file: Path, outcome: str) -> None:
            if verbosity >= 1 and outcome != "refused":
                self.stdout.write(f"  {file.name} : {OUTCOME_LABELS[outcome]}")

        try:
            report = import_practices(path, user=author, progress=progress)
        except FileNotFoundError as error:
            raise CommandError(str(error)) from error
        for refusal in report.refused:
            self.stderr.write(refusal)
        self.stdout.write(
            f"{len(report.created)} créée(s), {len(report.updated)} mise(s) à jour, "
            f"{len(report.unchanged)} inchangée(s), {len(report.refused)} refusée(s)."
        )
        if report.refused:
            raise CommandError(f"{len(report.refused)} fichier(s) refusé(s) : voir ci-dessus.")
