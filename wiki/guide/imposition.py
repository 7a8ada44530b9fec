"""Saddle-stitch imposition: the booklet's pages two-up on A4 landscape sheets, ready to fold.

Print the result double-sided, flipping on the short edge, fold the stack in the middle and
staple on the fold: the pages come in reading order. A5 pages fill each half of the sheet;
A6 pages are centred in their half at their real size (trim around them, or keep the margin).
"""

import io
from collections.abc import Sequence

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

A4_LANDSCAPE = (841.89, 595.28)  # points


def impose_booklet(pdf: bytes | Sequence[bytes]) -> bytes:
    """The PDF imposed for a booklet: pages padded to a multiple of four, two per side.

    `pdf` is the booklet, or its parts in order (the imposition then needs not wait for
    them to be merged). Blank pages are inserted before the last page rather than after it,
    so that a booklet's back cover stays on the outside.
    """
    writer = PdfWriter()
    parts = [pdf] if isinstance(pdf, bytes) else pdf
    forms = [
        _form_xobject(writer, page) for part in parts for page in PdfReader(io.BytesIO(part)).pages
    ]
    ordered = _padded(forms)
    for left, right in sheet_sides(len(ordered)):
        _add_sheet_side(writer, (ordered[left - 1], ordered[right - 1]))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def sheet_sides(page_count: int) -> list[tuple[int, int]]:
    """The (left, right) page numbers, from 1, of each side of each sheet, in print order.

    For 8 pages: (8, 1), (2, 7), (6, 3), (4, 5). `page_count` must be a multiple of four.
    """
    sides = []
    for sheet in range(page_count // 4):
        first, last = 2 * sheet + 1, page_count - 2 * sheet
        sides.append((last, first))  # front: the outer pages
        sides.append((first + 1, last - 1))  # back: the pages inside them
    return sides


def _padded(forms: list) -> list:
    blanks = [None] * (-len(forms) % 4)
    if len(forms) < 2:
        return forms + blanks
    return forms[:-1] + blanks + forms[-1:]


class _Form:
    """A source page turned into a form XObject: drawn as a whole, its content never parsed
    (pypdf's page merging parses every content stream, which is slow on long booklets)."""

    def __init__(self, reference: IndirectObject, width: float, height: float) -> None:
        self.reference, self.width, self.height = reference, width, height


def _form_xobject(writer: PdfWriter, page: PageObject) -> _Form:
    box = page.mediabox
    left, bottom, width, height = (float(box.left), float(box.bottom), box.width, box.height)
    form = _content_stream(page)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(
        FloatObject(value) for value in (left, bottom, left + width, bottom + height)
    )
    form[NameObject("/Matrix")] = ArrayObject(
        FloatObject(value) for value in (1, 0, 0, 1, -left, -bottom)
    )
    resources = page.get("/Resources")
    if resources is not None:
        # Cloning keeps shared objects (fonts) shared: each is copied once into the writer.
        form[NameObject("/Resources")] = resources.clone(writer)
    return _Form(writer._add_object(form), float(width), float(height))


def _content_stream(page: PageObject) -> StreamObject:
    """The page's content as a new stream: its single stream copied still compressed (WeasyPrint
    writes one per page), or several joined and compressed again."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    if isinstance(contents, EncodedStreamObject) and "/DecodeParms" not in contents:
        form = EncodedStreamObject()
        form._data = contents._data
        if "/Filter" in contents:
            form[NameObject("/Filter")] = contents["/Filter"]
        return form
    contents = page.get_contents()
    form = StreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    return form.flate_encode()


def _add_sheet_side(writer: PdfWriter, pair: tuple[_Form | None, _Form | None]) -> None:
    """One side of a sheet: each form centred in its half, scaled down only if too big."""
    side = writer.add_blank_page(*A4_LANDSCAPE)
    half_width, height = A4_LANDSCAPE[0] / 2, A4_LANDSCAPE[1]
    xobjects = DictionaryObject()
    operators = []
    for half, form in enumerate(pair):
        if form is None:
            continue
        name = f"/Page{half}"
        xobjects[NameObject(name)] = form.reference
        scale = min(1.0, half_width / form.width, height / form.height)
        x = half * half_width + (half_width - form.width * scale) / 2
        y = (height - form.height * scale) / 2
        operators.append(f"q {scale:.5f} 0 0 {scale:.5f} {x:.3f} {y:.3f} cm {name} Do Q")
    content = StreamObject()
    content.set_data("\n".join(operators).encode("ascii"))
    side[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    side[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
