"""The booklet's parts, each drawn into its own PDF, joined into one.

The bookmarks (chapters and practices) and the links inside a part come with its pages; the
links from one part to another (table of contents, index, the stages' "page N") cannot be
drawn by WeasyPrint, which sees one part at a time, so they are added here.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

from .booklet_parts import LaidOutPart

PX_TO_PT = 0.75  # WeasyPrint measures in CSS pixels, PDF in points


class PartMerger:
    """Joins the parts' PDFs as they come: each part after the front matter as soon as those
    before it are in, the front matter (the last to be drawn: it refers to every other part)
    at the start once all are. Little is left to do after the last part is drawn."""

    def __init__(self) -> None:
        self.writer = PdfWriter()
        self.waiting: dict[int, LaidOutPart] = {}
        self.next_index = 1  # the front matter, 0, goes in last

    def add(self, index: int, part: LaidOutPart) -> None:
        self.waiting[index] = part
        while self.next_index in self.waiting:
            self.writer.append(_reader(self.waiting.pop(self.next_index)))
            self.next_index += 1

    def finish(self, parts: list[LaidOutPart]) -> bytes:
        """The booklet, once every part has been added."""
        self.writer.merge(0, _reader(parts[0]))
        _add_links(self.writer, parts)
        output = io.BytesIO()
        self.writer.write(output)
        return output.getvalue()


def _reader(part: LaidOutPart) -> PdfReader:
    return PdfReader(io.BytesIO(part.pdf))


def _add_links(writer: PdfWriter, parts: list[LaidOutPart]) -> None:
    targets = {
        anchor: (part.first_page - 1 + page_index, x, y)
        for part in parts
        for anchor, (page_index, x, y) in part.anchors.items()
    }
    pages = list(writer.pages)  # pypdf counts the pages again on every access by number
    for part in parts:
        for page_index, anchor, rectangle in part.links:
            if anchor in targets:
                page = pages[part.first_page - 1 + page_index]
                link = _link(rectangle, page, pages[targets[anchor][0]], *targets[anchor][1:])
                if "/Annots" not in page:
                    page[NameObject("/Annots")] = ArrayObject()
                page["/Annots"].append(writer._add_object(link))


def _link(rectangle: tuple, page, target_page, target_x: float, target_y: float):
    """A link annotation over `rectangle` (CSS px from the top left) to a point of a page."""
    x, y, width, height = rectangle
    page_height, target_height = float(page.mediabox.height), float(target_page.mediabox.height)
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject(
                FloatObject(value)
                for value in (
                    x * PX_TO_PT,
                    page_height - (y + height) * PX_TO_PT,
                    (x + width) * PX_TO_PT,
                    page_height - y * PX_TO_PT,
                )
            ),
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
            NameObject("/Dest"): ArrayObject(
                [
                    target_page.indirect_reference,
                    NameObject("/XYZ"),
                    FloatObject(target_x * PX_TO_PT),
                    FloatObject(target_height - target_y * PX_TO_PT),
                    NumberObject(0),
                ]
            ),
        }
    )
