"""Page numbers written into an already laid-out booklet part, just before its PDF is drawn.

Each part of the booklet (front matter, one chapter, back matter) is laid out on its own, in
its own process, before anyone knows on which page of the booklet it will start. Its page
numbers are therefore laid out as placeholders: the margin boxes count from 1 and every
reference to another page prints "000" (the templates and booklet.css). Neither changes where
lines or pages break: the numbers sit in the page margins, or take the place of a "000" as
wide as any three-digit number (no wider: a shorter one is moved to end where it did). Once every
part's page count is known, the placeholders' text is replaced here, in the laid-out boxes,
so that no part is ever laid out twice.

This reaches into WeasyPrint's boxes (text boxes keep their text and lay it out again when
drawn); pyproject.toml pins the major versions it was written for.
"""

from collections.abc import Iterator

from weasyprint import Document
from weasyprint.text.line_break import Layout, line_size

PLACEHOLDER = "000"  # what the booklet prints for every page reference
NUMBERED_MARGINS = {"@bottom-left": False, "@bottom-right": True}  # right-aligned or not


def write_page_numbers(document: Document, first_page: int, targets: dict[str, int]) -> None:
    """Number the document's pages from `first_page` and fill in its page references.

    `targets` maps an anchor ("chapitre-2") to the booklet page it is on; a reference to an
    unknown anchor keeps its placeholder.
    """
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        for box in page_box.children:
            at_keyword = getattr(box, "at_keyword", None)
            if at_keyword in NUMBERED_MARGINS:
                for text_box in _text_boxes(box):
                    if text_box.text.strip().isdigit():
                        _replace_text(
                            text_box, str(first_page + index), NUMBERED_MARGINS[at_keyword]
                        )
        for text_box, anchor, ends_line in _placeholders(page_box):
            target = targets.get(anchor)
            if target is not None:
                _replace_text(text_box, str(target), ends_line)


def _placeholders(box, anchor: str = "") -> Iterator:
    """(text box, anchor, whether it ends its line) for each "000" in a link to an anchor:
    in a `.page-ref` element (tables of contents, index: right after a leader, at the end of
    the line) or in the link's ::before or ::after (within a sentence)."""
    element = getattr(box, "element", None)
    if element is not None and element.tag == "a" and element.get("href", "").startswith("#"):
        anchor = element.get("href")[1:]
    if hasattr(box, "pango_layout"):
        if anchor and box.text == PLACEHOLDER:
            if "page-ref" in (element.get("class") or "").split():
                yield box, anchor, True
            elif (box.element_tag or "").endswith(("::before", "::after")):
                yield box, anchor, False
        return
    for child in getattr(box, "children", ()):
        yield from _placeholders(child, anchor)


def _text_boxes(box) -> Iterator:
    if hasattr(box, "pango_layout"):
        yield box
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child)


def _replace_text(text_box, text: str, right_aligned: bool) -> None:
    layout = Layout(text_box.style)
    layout.set_text(text)
    line, _ = layout.get_first_line()
    width, _ = line_size(line, text_box.style)
    if right_aligned:
        text_box.position_x += text_box.width - width
    text_box.width = width
    text_box.text = text
    text_box.pango_layout.text = text
