"""What one edition of the guide holds once frozen, free of any Django model.

The booklet, the imposition, the poster and the online edition are all laid out from these
values, so the printed files and the web pages show the same frozen practices.
"""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from wiki.exchange.data import PracticeData

PAGE_SIZES = ("A5", "A6")


@dataclass(frozen=True)
class GuideImage:
    """An image to print: a file on disk (it may have gone missing) and its description."""

    path: Path | None
    alt: str = ""


@dataclass(frozen=True)
class GuidePractice:
    """One practice as frozen in the edition, with the labels its facts card shows."""

    data: PracticeData
    url: str  # absolute URL of the living online page: the QR code's target
    theme_titles: tuple[str, ...] = ()
    stage_title: str = ""
    audience_titles: tuple[str, ...] = ()
    level_titles: tuple[str, ...] = ()
    revision_id: int | None = None  # the pinned revision
    page_id: int | None = None


@dataclass(frozen=True)
class GuideChapter:
    title: str
    introduction: str  # sanitised HTML ("" when none)
    colour: str  # "#rrggbb", the theme's colour
    practices: tuple[GuidePractice, ...]
    slug: str = ""  # the theme's slug, or a slug of the custom title
    emoji: str = ""
    image: GuideImage | None = None


@dataclass(frozen=True)
class GuideGlossaryTerm:
    term: str
    expansion: str
    definition: str  # sanitised HTML
    side: str  # "en", "csx" or "commun"


@dataclass(frozen=True)
class GuideStage:
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class OrientationQuestion:
    """One question of "Se situer": each answer points to a stage (a slug of GuideStage)."""

    text: str
    answers: tuple[tuple[str, str], ...]  # (answer label, stage slug)


@dataclass(frozen=True)
class GuideContent:
    title: str
    subtitle: str
    edition_label: str  # e.g. "Édition 2026"
    edition_date: date
    purpose: str  # "À quoi sert ce livret", sanitised HTML
    how_to_use: str  # "Comment l'utiliser", sanitised HTML
    chapters: tuple[GuideChapter, ...]
    glossary: tuple[GuideGlossaryTerm, ...] = ()
    stages: tuple[GuideStage, ...] = ()
    orientation: tuple[OrientationQuestion, ...] = ()
    note_pages: int = 2  # ruled "Mes notes" pages after each chapter; the same at the end
    page_size: str = "A5"  # one of PAGE_SIZES
    online_url: str = ""  # absolute URL of the online edition
    cover_image: GuideImage | None = None
    slug: str = ""

    @property
    def practices(self) -> list[GuidePractice]:
        return [practice for chapter in self.chapters for practice in chapter.practices]


@dataclass
class Progress:
    """Where a build is: a step's French label, and pages done out of pages expected."""

    step: str = ""
    done: int = 0
    total: int = 0
    steps_done: list[str] = field(default_factory=list)
