"""The booklet's parts, each drawn into its own PDF, joined into one.

The bookmarks (chapters and practices) and the links inside a part come with its pages; the
links from one part to another (table of contents, index, the stages' "page N") cannot be
drawn by WeasyPrint, which sees one part at a time, so they are added here.
"""

import io

from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import Fit

from .booklet_parts import LaidOutPart

PX_TO_PT = 0.75  # WeasyPrint measures in CSS pixels, PDF in points


def merge_parts(parts: list[LaidOutPart]) -> bytes:
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part.pdf)))
    targets = {
        anchor: (part.first_page - 1 + page_index, x, y)
        for part in parts
        for anchor, (page_index, x, y) in part.anchors.items()
    }
    for part in parts:
        for page_index, anchor, (x, y, width, height) in part.links:
            if anchor not in targets:
                continue
            page_number = part.first_page - 1 + page_index
            page_height = float(writer.pages[page_number].mediabox.height)
            target_page, target_x, target_y = targets[anchor]
            target_height = float(writer.pages[target_page].mediabox.height)
            link = Link(
                rect=(
                    x * PX_TO_PT,
                    page_height - (y + height) * PX_TO_PT,
                    (x + width) * PX_TO_PT,
                    page_height - y * PX_TO_PT,
                ),
                target_page_index=target_page,
                fit=Fit.xyz(target_x * PX_TO_PT, target_height - target_y * PX_TO_PT),
            )
            writer.add_annotation(page_number, link)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
