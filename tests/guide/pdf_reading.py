"""Reading the guide's PDFs back as a reader would: text, page sizes, fonts, images, QR codes."""

import io
import re
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject

_SPACES = re.compile(r"\s+")


def reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def normalised(text: str) -> str:
    """Text with lines joined: a line ending on a hyphen ("rendez-" / "vous") joins without
    a space, every other run of spaces or line breaks becomes one space."""
    return _SPACES.sub(" ", re.sub(r"-\n", "-", text)).strip()


def page_texts(pdf: bytes) -> list[str]:
    """The normalised text of each page, in order (index 0 is page 1)."""
    return [normalised(page.extract_text()) for page in reader(pdf).pages]


def page_count(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def page_text(pdf: bytes, page_number: int) -> str:
    """The normalised text of one page (from 1)."""
    return normalised(reader(pdf).pages[page_number - 1].extract_text())


def page_sizes(pdf: bytes) -> set[tuple[float, float]]:
    """The distinct (width, height) of the pages, in points rounded to one decimal."""
    return {
        (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1))
        for page in reader(pdf).pages
    }


def fonts_not_embedded(pdf: bytes) -> list[str]:
    """The names of the fonts used by any page whose program is not inside the PDF."""
    missing = []
    for page in reader(pdf).pages:
        for font in _fonts(page.get("/Resources")):
            descendants = font.get("/DescendantFonts")
            for described in [d.get_object() for d in descendants] if descendants else [font]:
                descriptor = described.get("/FontDescriptor")
                descriptor = descriptor.get_object() if descriptor is not None else {}
                if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                    missing.append(str(font.get("/BaseFont", font.get("/Subtype"))))
    return missing


def link_targets(pdf: bytes, page_number: int) -> set[int]:
    """The pages (from 1) that the links of a page (from 1) lead to."""
    document = reader(pdf)
    numbers = {page.indirect_reference.idnum: index for index, page in enumerate(document.pages)}
    names = document.named_destinations
    targets = set()
    for annotation in document.pages[page_number - 1].get("/Annots", []):
        destination = annotation.get_object().get("/Dest")
        if isinstance(destination, str):
            targets.add(document.get_destination_page_number(names[destination]) + 1)
        elif destination is not None:
            targets.add(numbers[destination[0].idnum] + 1)
    return targets


def image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    """(width, height) in pixels of every raster image drawn on any page."""
    sizes = []
    for page in reader(pdf).pages:
        for image in _xobjects(page.get("/Resources"), "/Image"):
            sizes.append((int(image["/Width"]), int(image["/Height"])))
    return sizes


def qr_codes_by_page(pdf: bytes, page_numbers: list[int], dpi: int = 150) -> dict[int, list[str]]:
    """What zbar decodes on each of these pages (from 1), rendered by Poppler at `dpi`.

    The pages are copied into a small PDF first so that Poppler runs once, on them only.
    """
    writer = PdfWriter()
    pages = reader(pdf).pages
    for number in page_numbers:
        writer.add_page(pages[number - 1])
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pages.pdf"
        writer.write(source)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")],
            check=True,
        )
        images = sorted(Path(folder).glob("page-*.png"))
        return {number: _zbar(image) for number, image in zip(page_numbers, images, strict=True)}


def _zbar(image: Path) -> list[str]:
    # zbarimg exits with 4 when it finds no code: that is an answer, not an error.
    result = subprocess.run(["zbarimg", "--raw", "-q", str(image)], capture_output=True, text=True)
    return [line for line in result.stdout.splitlines() if line]


def text_in_area(pdf: bytes, page_number: int, x: int, y: int, width: int, height: int) -> str:
    """The normalised text inside a rectangle of a page (points, from the top left corner)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:
        source.write(pdf)
        source.flush()
        result = subprocess.run(
            [
                "pdftotext",
                "-f",
                str(page_number),
                "-l",
                str(page_number),
                "-x",
                str(x),
                "-y",
                str(y),
                "-W",
                str(width),
                "-H",
                str(height),
                "-r",
                "72",
                source.name,
                "-",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    return normalised(result.stdout)


def _fonts(resources) -> list[DictionaryObject]:
    if resources is None:
        return []
    resources = resources.get_object()
    fonts = [font.get_object() for font in resources.get("/Font", {}).values()]
    for form in _xobjects(resources, "/Form"):
        fonts += _fonts(form.get("/Resources"))
    return fonts


def _xobjects(resources, subtype: str) -> list[DictionaryObject]:
    if resources is None:
        return []
    resources = resources.get_object()
    found = []
    for xobject in resources.get("/XObject", {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == subtype:
            found.append(xobject)
        if xobject.get("/Subtype") == "/Form":
            found += _xobjects(xobject.get("/Resources"), subtype)
    return found
