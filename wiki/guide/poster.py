"""The A2 poster: the guide's themes as a map of colour blocks, the stages, the way online.

It must stay one page whatever the number of practices: the practices' type shrinks first,
then each theme lists fewer of them ("et 3 autres fiches"), and at worst only their count.
The chapter titles keep their size (30 pt: readable from two metres).
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from weasyprint import Document

from .content import GuideChapter, GuideContent, GuideStage
from .printing import Palette, palette, render_document, stage_colour, static_file_uri
from .qr_codes import qr_svg

# (type size of the practices in pt, most practices listed per theme; None: all), in order.
FITTING_ATTEMPTS = ((20, None), (17, None), (15, None), (15, 6), (15, 3), (15, 0))
STYLESHEETS = ("common.css", "poster.css")


@dataclass
class ThemeBlock:
    chapter: GuideChapter
    number: int
    palette: Palette
    qr: SafeString | str
    practice_titles: list[str]
    hidden_count: int


@dataclass
class StageBlock:
    stage: GuideStage
    colour: str


def build_poster(content: GuideContent) -> bytes:
    """The poster's PDF: one A2 portrait page, vector throughout."""
    with translation.override("fr"):
        document = _first_fitting(content)
    # Past the last attempt only an absurd number of themes overflows: keep the first page.
    return document.copy(document.pages[:1]).write_pdf()


def _first_fitting(content: GuideContent) -> Document:
    """The first of FITTING_ATTEMPTS that fits on one page (or the last one).

    Each attempt shows less than the one before, so past the first (which fits most guides)
    the attempts are bisected: 3 layouts of an A2 page instead of up to 6.
    """
    rendered = {0: _render(content, *FITTING_ATTEMPTS[0])}
    if len(rendered[0].pages) == 1:
        return rendered[0]
    low, high = 1, len(FITTING_ATTEMPTS) - 1  # the first attempt that fits is in [low, high]
    while low < high:
        middle = (low + high) // 2
        rendered[middle] = _render(content, *FITTING_ATTEMPTS[middle])
        if len(rendered[middle].pages) == 1:
            high = middle
        else:
            low = middle + 1
    return rendered[high] if high in rendered else _render(content, *FITTING_ATTEMPTS[high])


def chapter_url(content: GuideContent, chapter: GuideChapter) -> str:
    """Where a theme's QR code leads: its chapter in the online edition."""
    return f"{content.online_url}#{chapter.slug}" if chapter.slug else content.online_url


def _render(content: GuideContent, practice_size: int, most_listed: int | None) -> Document:
    themes = [
        _theme_block(content, number, chapter, most_listed)
        for number, chapter in enumerate(content.chapters, start=1)
    ]
    columns = 2 if len(themes) <= 4 else 3 if len(themes) <= 12 else 4
    context = {
        "content": content,
        "practice_size_pt": practice_size,
        "theme_rows": [themes[start : start + columns] for start in range(0, len(themes), columns)],
        "stages": [
            StageBlock(stage, stage_colour(index)) for index, stage in enumerate(content.stages)
        ],
        "logo_url": static_file_uri("img/passerelles.svg"),
        "online_qr": mark_safe(qr_svg(content.online_url)) if content.online_url else "",
    }
    return render_document("guide/print/poster.html", context, STYLESHEETS)


def _theme_block(
    content: GuideContent, number: int, chapter: GuideChapter, most_listed: int | None
) -> ThemeBlock:
    titles = [practice.data.title for practice in chapter.practices]
    shown = titles if most_listed is None else titles[:most_listed]
    return ThemeBlock(
        chapter=chapter,
        number=number,
        palette=palette(chapter.colour),
        qr=mark_safe(qr_svg(chapter_url(content, chapter))) if content.online_url else "",
        practice_titles=shown,
        hidden_count=len(titles) - len(shown),
    )
