"""The booklet laid out in parts, two at a time, each in a forked child that exits when done.

Parts are the front matter, each chapter and the back matter. A part's layout does not depend
on where it starts: each starts on a right-hand page (the parts before it have an even page
count, see `_even`) and its page numbers are placeholders until every earlier part has been
counted (see `page_numbers`). A child lays its part out, sends its page count and anchors,
waits for its first page number and the pages of the anchors it refers to, writes them in,
draws its PDF and sends it. The parent merges the PDFs (`booklet_merging`).

A chapter is told its numbers as soon as the parts before it are counted; the front and back
matter, which refer to every chapter, once all parts are. A child gives all of its memory back
when it exits, so the peak is about two parts' layouts rather than the whole booklet's.
"""

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import wait

from weasyprint import Document

from .forking import ForkedChild
from .page_numbers import write_page_numbers
from .printing import render_document

WORKERS = 2  # the reference machine has two cores


@dataclass
class BookletPart:
    kind: str  # "front", "chapter" or "back"
    context: dict
    stylesheets: tuple[str, ...]
    # The last page of the part, dropped to make its page count even (front and chapters),
    # or the padding pages the back matter may drop to make the booklet's a multiple of four.
    padding_anchors: tuple[str, ...]


@dataclass
class LaidOutPart:
    """What the parent learns from a part: its pages, anchors, then its PDF."""

    pages: int = 0
    anchors: dict[str, tuple[int, float, float]] = field(default_factory=dict)
    first_page: int = 0
    pdf: bytes = b""
    # (page index in the part, anchor, (x, y, width, height) in CSS px): links to other parts
    links: list[tuple[int, str, tuple]] = field(default_factory=list)


def lay_out_parts(
    parts: list[BookletPart],
    on_laid_out: Callable[[int], None] | None = None,
    on_drawn: Callable[[int, LaidOutPart], None] | None = None,
) -> list[LaidOutPart]:
    """Every part laid out, numbered and drawn; `on_laid_out(pages)` once all are laid out,
    `on_drawn(index, part)` as each part's PDF comes."""
    results = [LaidOutPart() for _ in parts]
    jobs: dict[int, ForkedChild] = {}
    laid_out: set[int] = set()
    waiting: set[int] = set()  # laid out, waiting for their page numbers
    done: set[int] = set()
    # The front matter first: every other part's first page waits for its page count. Then
    # the back matter, long to lay out and told its numbers only at the end anyway. Then the
    # chapters in order, so that few of them wait, laid out, for the ones before: a waiting
    # child holds its layout (the biggest first would finish sooner, in more memory).
    upcoming = sorted(
        range(len(parts)), key=lambda index: (index != 0, index != len(parts) - 1, index)
    )
    gc.freeze()  # the children share the parent's objects without the collector touching them
    try:
        while len(done) < len(parts):
            while upcoming and len(jobs) - len(waiting) < WORKERS:
                index = upcoming.pop(0)
                jobs[index] = ForkedChild(_run_part, parts[index])
            ready = wait([job.connection for job in jobs.values()])
            for index, job in list(jobs.items()):
                if job.connection not in ready:
                    continue
                message = job.receive()
                if message[0] == "laid_out":
                    results[index].pages, results[index].anchors = message[1], message[2]
                    waiting.add(index)
                    laid_out.add(index)
                    if on_laid_out and len(laid_out) == len(parts):
                        on_laid_out(sum(result.pages for result in results))
                else:
                    _, results[index].pages, results[index].pdf, results[index].links = message
                    job.finish()
                    del jobs[index]
                    done.add(index)
                    if on_drawn:
                        on_drawn(index, results[index])
            for index in sorted(waiting):
                numbers = _numbers_for(index, parts, results, laid_out)
                if numbers is not None:
                    jobs[index].connection.send(numbers)
                    results[index].first_page = numbers[0]
                    waiting.discard(index)
    finally:
        gc.unfreeze()
        for job in jobs.values():
            job.process.kill()
            job.finish()
    return results


def _numbers_for(
    index: int, parts: list[BookletPart], results: list[LaidOutPart], counted: set[int]
) -> tuple[int, dict[str, int]] | None:
    """A part's first page and the pages of the anchors it can refer to, once known."""
    needs_all = parts[index].kind != "chapter"
    if not set(range(len(parts) if needs_all else index)) <= counted:
        return None
    targets, first_page = {}, 1
    starts = {}
    for number, result in enumerate(results):
        if number not in counted:
            break
        starts[number] = first_page
        first_page += result.pages
    for number, start in starts.items():
        for anchor, (page_index, _, _) in results[number].anchors.items():
            targets.setdefault(anchor, start + page_index)
    return starts[index], targets


def _run_part(connection, part: BookletPart) -> None:
    """In the child: lay out, report, wait for the numbers, write them in, draw, send."""
    document = render_document("guide/print/booklet.html", part.context, part.stylesheets)
    if part.kind != "back":
        document = _even(document, part.padding_anchors)
    anchors = _first_anchors(document)
    connection.send(("laid_out", len(document.pages), anchors))
    first_page, targets = connection.recv()
    if part.kind == "back":
        document = _booklet_of_fours(document, first_page, part.padding_anchors)
    write_page_numbers(document, first_page, targets)
    links = []
    for index, page in enumerate(document.pages):
        # Links to other parts are left to the merge: WeasyPrint would only warn of them.
        outside = [link for link in page.links if link[0] == "internal" and link[1] not in anchors]
        links += [(index, target, rectangle) for _, target, rectangle, _ in outside]
        page.links = [link for link in page.links if link not in outside]
    connection.send(("pdf", len(document.pages), document.write_pdf(), links))


def _first_anchors(document: Document) -> dict[str, tuple[int, float, float]]:
    """Each anchor's page index and point, on the first page it is on: an element that runs
    over several pages has its anchor on each of them."""
    anchors = {}
    for index, page in enumerate(document.pages):
        for name, (x, y, *_) in page.anchors.items():
            anchors.setdefault(name, (index, x, y))
    return anchors


def _even(document: Document, padding_anchors: tuple[str, ...]) -> Document:
    """Without its padding page if that makes the page count even (the next part then
    starts on a right-hand page)."""
    if len(document.pages) % 2 == 0:
        return document
    return _without_pages(document, padding_anchors, 1)


def _booklet_of_fours(document: Document, first_page: int, padding: tuple[str, ...]) -> Document:
    """Drop the last padding "Mes notes" pages so that the booklet's count is a multiple of
    four. They sit just before the back cover, after every numbered reference."""
    surplus = (first_page - 1 + len(document.pages)) % 4
    return _without_pages(document, padding, surplus) if surplus else document


def _without_pages(document: Document, anchors: tuple[str, ...], count: int) -> Document:
    droppable = [
        index
        for index, page in enumerate(document.pages)
        if set(anchors).intersection(page.anchors)
    ][-count:]
    return document.copy(
        [page for index, page in enumerate(document.pages) if index not in droppable]
    )
