"""Import practice files: each file is checked whole, then saved in its own transaction."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError

from wiki.exchange.errors import PracticeFormatError
from wiki.exchange.pages import save_practice
from wiki.exchange.parse import read_practice_file
from wiki.models import PracticeIndexPage, Stage, Theme
from wiki.site_structure import ensure_site_structure


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "file:line: reason"

    @property
    def imported_count(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def practice_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(
            child for child in path.iterdir() if child.suffix == ".md" and child.is_file()
        )
    if path.is_file():
        return [path]
    raise FileNotFoundError(f"{path} : aucun fichier ni dossier à cet endroit.")


def import_practices(
    path: Path, user=None, progress: Callable[[Path, str], None] | None = None
) -> ImportReport:
    """Import one file or every `.md` file of a folder; refused files are reported, not fatal."""
    files = practice_files(path)
    index = PracticeIndexPage.objects.child_of(ensure_site_structure()).get()
    theme_slugs = set(Theme.objects.values_list("slug", flat=True))
    stage_slugs = set(Stage.objects.values_list("slug", flat=True))
    report = ImportReport()
    for file in files:
        try:
            data = read_practice_file(file, theme_slugs=theme_slugs, stage_slugs=stage_slugs)
            outcome = save_practice(data, index, user)
        except PracticeFormatError as error:
            report.refused.append(error.located(str(file)))
            outcome = "refused"
        except ValidationError as error:
            reasons = "; ".join(error.messages)
            report.refused.append(f"{file}: enregistrement refusé : {reasons}")
            outcome = "refused"
        else:
            getattr(report, outcome).append(data.slug)
        if progress:
            progress(file, outcome)
    return report
