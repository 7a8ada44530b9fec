"""Build a guide edition's files: the booklet, its imposition for home printing, the poster.

    python manage.py build_guide [EDITION_SLUG] --output DIR

Without a slug, the latest published edition. A draft edition is built as a preview of
what publishing it would freeze. `--build ID` is how the background task runs a queued build.
"""

import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wiki.guide.building import run_build, write_files
from wiki.guide.freezing import edition_content, publication_problems
from wiki.guide.models import GuideBuild, GuideEdition
from wiki.guide.snapshot import frozen_content

BUILD_HELP = "fabrication en attente à exécuter (utilisée par la tâche de fond)"


class ProgressBar:
    """One line on stderr, rewritten in place: step, bar, pages done."""

    WIDTH = 30

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()

    def __call__(self, step: str, done: int, total: int) -> None:
        filled = round(self.WIDTH * done / total) if total else 0
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        count = f"{done}/{total} pages" if total > 1 else ""
        elapsed = time.monotonic() - self.started
        self.stream.write(f"\r{step[:40]:<40} [{bar}] {count:<14} {elapsed:5.1f} s")
        self.stream.flush()

    def finish(self) -> None:
        self.stream.write("\n")


class Command(BaseCommand):
    help = "Fabrique les fichiers d'une édition du guide (livret, imposition A4, affiche A2)."

    def add_arguments(self, parser):
        parser.add_argument(
            "slug", nargs="?", help="identifiant de l'édition (défaut : la dernière publiée)"
        )
        parser.add_argument("--output", "-o", type=Path, help="dossier où écrire les fichiers")
        parser.add_argument("--build", type=int, help=BUILD_HELP)

    def handle(self, *args, slug=None, output=None, build=None, **options):
        if build is not None:
            result = run_build(build)
            if result.status != GuideBuild.Status.DONE:
                raise CommandError(f"La fabrication n° {build} a échoué :\n{result.error}")
            return
        if output is None:
            raise CommandError("Indiquez le dossier de sortie : --output DOSSIER")
        edition = self.edition(slug)
        if edition.is_published:
            content = frozen_content(edition)
        else:
            problems = publication_problems(edition)
            if problems:
                raise CommandError(
                    "Cette édition ne peut pas être fabriquée :\n- " + "\n- ".join(problems)
                )
            self.stderr.write(f"« {edition} » est en préparation : aperçu de ce qui serait figé.")
            content = edition_content(edition)
        progress = ProgressBar(sys.stderr)
        paths = write_files(content, output, progress)
        progress.finish()
        for path in paths:
            self.stdout.write(f"{path} ({path.stat().st_size // 1024} Kio)")

    def edition(self, slug: str | None) -> GuideEdition:
        if slug:
            edition = GuideEdition.objects.filter(slug=slug).first()
            if edition is None:
                known = ", ".join(GuideEdition.objects.values_list("slug", flat=True)) or "aucune"
                raise CommandError(f"Aucune édition « {slug} ». Éditions connues : {known}.")
            return edition
        edition = GuideEdition.objects.filter(status=GuideEdition.Status.PUBLISHED).first()
        if edition is None:
            raise CommandError("Aucune édition publiée : donnez l'identifiant d'une édition.")
        return edition
