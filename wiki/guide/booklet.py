"""The printed booklet: one edition's content laid out as an A5 (or A6) PDF with WeasyPrint.

Page 1 is the cover and every printed page number is the page's position in the file, so
"page 12" in the table of contents is the twelfth page of the PDF.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import translation
from django.utils.safestring import SafeString

from wiki.vocabulary import GLOSSARY_SIDES

from .booklet_merging import PartMerger
from .booklet_parts import BookletPart, LaidOutPart, lay_out_parts
from .content import GuideChapter, GuideContent, GuideGlossaryTerm, GuidePractice, GuideStage
from .images import printable_image
from .printing import (
    Palette,
    palette,
    prepare_stylesheets,
    sort_key,
    stage_colour,
    static_file_uri,
)
from .qr_codes import qr_image

Progress = Callable[[str, int, int], None]

LAYOUT_STEP = "Mise en page du livret"
WRITING_STEP = "Écriture du PDF"


@dataclass(frozen=True)
class PageGeometry:
    """A page size's margins (mm): the inside one is wider for the binding and the stitches."""

    height: float
    top: float
    bottom: float
    inside: float
    outside: float
    tab_width: float  # home printers leave ~4 mm blank at the edge: half of a tab shows
    image_width_px: int  # about 250 dpi across the page's width
    note_lines: int  # ruled lines, 8 mm apart, that fill a "Mes notes" page


GEOMETRIES = {
    "A5": PageGeometry(
        210,
        top=14,
        bottom=14,
        inside=19,
        outside=14,
        tab_width=9,
        image_width_px=1200,
        note_lines=20,
    ),
    "A6": PageGeometry(
        148, top=12, bottom=12, inside=13, outside=9, tab_width=7, image_width_px=900, note_lines=13
    ),
}
SCHOOL_AUDIENCE = "en"
# Blank-free padding: up to three extra "Mes notes" pages bring the count to a multiple of 4.
PADDING_NOTE_PAGES = 3
FRONT_PADDING = "notes-debut"


@dataclass
class PracticeView:
    practice: GuidePractice
    anchor: str
    chapter_title: str

    @cached_property
    def qr(self) -> SafeString | str:
        # Made when the template first shows it: in the child laying out the chapter.
        return qr_image(self.practice.url) if self.practice.url else ""


@dataclass
class ChapterView:
    chapter: GuideChapter
    number: int
    anchor: str
    page_name: str
    palette: Palette
    tab_image: str
    tab_top_mm: float
    tab_height_mm: float
    image: str = ""
    practices: list[PracticeView] = field(default_factory=list)

    @property
    def page_names(self) -> tuple[str, str]:
        return self.page_name, f"{self.page_name}-opener"


@dataclass
class StageView:
    stage: GuideStage
    colour: str
    anchor: str  # its list of practices, in the index
    practices: list[PracticeView]


def build_booklet(content: GuideContent, progress: Progress | None = None) -> bytes:
    """The booklet's PDF: cover, front matter, chapters of practices, glossary, index, notes.

    Each chapter starts on a right-hand page. The page count is a multiple of four (extra
    "Mes notes" pages before the back cover), so that it folds into a booklet without blank
    pages.
    """
    merger = PartMerger()
    parts = lay_out_booklet(content, progress, on_drawn=merger.add)
    pdf = merger.finish(parts)
    pages = sum(part.pages for part in parts)
    (progress or _ignore_progress)(WRITING_STEP, pages, pages)
    return pdf


def lay_out_booklet(
    content: GuideContent,
    progress: Progress | None = None,
    on_drawn: Callable[[int, LaidOutPart], None] | None = None,
) -> list[LaidOutPart]:
    """The booklet's parts, each drawn into a PDF of its own, to merge (`PartMerger`, given
    each part by `on_drawn` as it comes) or to impose. They are laid out two at a time, in
    child processes (booklet_parts.py)."""
    report = progress or _ignore_progress
    report(LAYOUT_STEP, 0, 1)

    def laid_out(pages: int) -> None:
        pages -= pages % 4  # the back matter drops its surplus padding pages
        report(LAYOUT_STEP, pages, pages)
        report(WRITING_STEP, 0, pages)

    with translation.override("fr"):
        parts = booklet_parts(content)
        prepare_stylesheets(parts[0].stylesheets)  # here, once, rather than in every child
        return lay_out_parts(parts, on_laid_out=laid_out, on_drawn=on_drawn)


def booklet_parts(content: GuideContent) -> list[BookletPart]:
    """The front matter, each chapter, the back matter: what each lays out."""
    context = booklet_context(content)
    stylesheets = ("common.css", "booklet.css", f"booklet-{context['page_size'].lower()}.css")
    front = BookletPart(
        "front",
        context | {"part": "front", "padding_anchor": FRONT_PADDING},
        stylesheets,
        (FRONT_PADDING,),
    )
    chapters = [
        BookletPart(
            "chapter",
            context
            | {
                "part": "chapter",
                "chapter": chapter,
                "page_chapters": [chapter],
                "padding_anchor": padding,
            },
            stylesheets,
            (padding,),
        )
        for chapter in context["chapters"]
        for padding in [f"{chapter.anchor}-notes-fin"]
    ]
    back_padding = tuple(f"notes-fin-{index}" for index in range(PADDING_NOTE_PAGES))
    back = BookletPart("back", context | {"part": "back"}, stylesheets, back_padding)
    return [front, *chapters, back]


def booklet_context(content: GuideContent) -> dict:
    """What the booklet template shows, with anchors, QR codes and colours worked out."""
    page_size = _page_size(content)
    chapters = [
        _chapter_view(chapter, number, len(content.chapters), page_size)
        for number, chapter in enumerate(content.chapters, start=1)
    ]
    practices = [view for chapter in chapters for view in chapter.practices]
    cover_image = (
        printable_image(content.cover_image, GEOMETRIES[page_size].image_width_px)
        if content.cover_image
        else ""
    )
    return {
        "content": content,
        "page_size": page_size,
        "geometry": GEOMETRIES[page_size],
        "note_lines": range(GEOMETRIES[page_size].note_lines),
        "logo_url": static_file_uri("img/passerelles.svg"),
        "chapters": chapters,
        "school_chapters": _school_chapters(chapters),
        "stages": _stage_views(content.stages, practices),
        "orientation": _orientation_rows(content),
        "glossary": _glossary_entries(content.glossary),
        "index_by_theme": _index_by_theme(practices),
        "index_all": sorted(practices, key=lambda view: sort_key(view.practice.data.title)),
        "note_pages": range(content.note_pages),
        # The padding pages carry an anchor so that the surplus ones can be found and dropped.
        "end_note_pages": [""] * content.note_pages
        + [f"notes-fin-{index}" for index in range(PADDING_NOTE_PAGES)],
        "cover_image": cover_image,
        "online_qr": qr_image(content.online_url) if content.online_url else "",
    }


def _page_size(content: GuideContent) -> str:
    return content.page_size if content.page_size in GEOMETRIES else "A5"


def _chapter_view(chapter: GuideChapter, number: int, count: int, page_size: str) -> ChapterView:
    colours = palette(chapter.colour)
    anchor = f"chapitre-{number}"
    top, height = _tab_position(number, count, GEOMETRIES[page_size])
    view = ChapterView(
        chapter=chapter,
        number=number,
        anchor=anchor,
        page_name=f"chapter-{number}",
        palette=colours,
        tab_image=_solid_svg_uri(colours.colour),
        tab_top_mm=top,
        tab_height_mm=height,
        image=printable_image(chapter.image, GEOMETRIES[page_size].image_width_px)
        if chapter.image
        else "",
    )
    view.practices = [
        PracticeView(
            practice=practice,
            anchor=f"{anchor}-fiche-{index}",
            chapter_title=chapter.title,
        )
        for index, practice in enumerate(chapter.practices, start=1)
    ]
    return view


def _tab_position(number: int, count: int, geometry: PageGeometry) -> tuple[float, float]:
    """Where the chapter's tab sits on the outer edge, from the top of the page area: one
    slot per chapter, top to bottom, so that a closed booklet shows a staircase of colours."""
    zone_top, zone_bottom = geometry.height * 0.12, geometry.height * 0.86
    height = min(geometry.height * 0.14, (zone_bottom - zone_top) / max(count, 1))
    top = zone_top + (number - 1) * height - geometry.top
    return round(top, 2), round(height, 2)


def _solid_svg_uri(colour: str) -> str:
    # A page background gradient ignores background-size in WeasyPrint; a tiny SVG does not.
    return (
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='4'%3E"
        f"%3Crect width='4' height='4' fill='%23{colour.lstrip('#')}'/%3E%3C/svg%3E"
    )


def _school_chapters(chapters: list[ChapterView]) -> list[tuple[ChapterView, int]]:
    """Each chapter with how many of its practices name school staff among their audience."""
    counts = [
        (
            chapter,
            sum(SCHOOL_AUDIENCE in view.practice.data.audience for view in chapter.practices),
        )
        for chapter in chapters
    ]
    return [(chapter, count) for chapter, count in counts if count]


def _stage_views(stages: tuple[GuideStage, ...], practices: list[PracticeView]) -> list[StageView]:
    return [
        StageView(
            stage=stage,
            colour=stage_colour(index),
            anchor=f"index-etape-{index + 1}",
            practices=sorted(
                (view for view in practices if view.practice.data.stage == stage.slug),
                key=lambda view: sort_key(view.practice.data.title),
            ),
        )
        for index, stage in enumerate(stages)
    ]


def _orientation_rows(content: GuideContent) -> list[dict]:
    stages = {stage.slug: (index, stage.title) for index, stage in enumerate(content.stages)}
    rows = []
    for question in content.orientation:
        answers = []
        for label, slug in question.answers:
            index, title = stages.get(slug, (None, ""))
            colour = stage_colour(index) if index is not None else "#555555"
            answers.append({"label": label, "stage_title": title, "colour": colour})
        rows.append({"text": question.text, "answers": answers})
    return rows


def _glossary_entries(terms: tuple[GuideGlossaryTerm, ...]) -> list[dict]:
    sides = dict(GLOSSARY_SIDES)
    return [
        {"term": term, "side_label": sides.get(term.side, ""), "definition": term.definition}
        for term in sorted(terms, key=lambda term: sort_key(term.term))
    ]


def _index_by_theme(practices: list[PracticeView]) -> list[tuple[str, list[PracticeView]]]:
    themes: dict[str, list[PracticeView]] = {}
    for view in practices:
        for title in view.practice.theme_titles:
            themes.setdefault(title, []).append(view)
    return [
        (title, sorted(views, key=lambda view: sort_key(view.practice.data.title)))
        for title, views in sorted(themes.items(), key=lambda item: sort_key(item[0]))
    ]


def _ignore_progress(step: str, done: int, total: int) -> None:
    return None
