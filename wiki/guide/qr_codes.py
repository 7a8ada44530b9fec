"""QR codes for the printed guide: inline SVG for the poster, a tiny PNG for the booklet."""

import base64
import io
from functools import lru_cache

import segno
from django.utils.html import format_html
from django.utils.safestring import SafeString
from PIL import Image

QUIET_ZONE_MODULES = 4  # the width of light border that readers need around the code
PNG_SCALE = 8  # pixels per module: sharp at 300 dpi and over even where a viewer smooths images


def _code(url: str) -> segno.QRCode:
    # Error correction level M survives a fold or a coffee stain without making the code
    # denser than needed.
    return segno.make(url, error="m", boost_error=False, micro=False)


@lru_cache(maxsize=256)
def qr_svg(url: str) -> str:
    """An `<svg>` element that encodes `url`, with its quiet zone on a white background.

    Vector, for the poster's few large codes; the size is left to the CSS. Kept: the poster
    may be laid out several times before it fits, with the same codes.
    """
    return _code(url).svg_inline(
        scale=1,
        border=QUIET_ZONE_MODULES,
        dark="#000",
        light="#fff",
        omitsize=True,
        svgclass="qr-code",
        lineclass=None,
    )


def qr_image(url: str) -> SafeString:
    """An `<img>` of the code as a greyscale PNG, quiet zone included.

    The booklet has one code per practice: WeasyPrint draws a 1 kB image far faster than it
    parses and paints an SVG path, and `image-rendering: pixelated` (print CSS) asks viewers
    and printers not to blur the modules' edges. Greyscale ("L") because WeasyPrint embeds
    such a PNG as it is, where it turns a black and white one into RGB and compresses it
    twice; Pillow scales the modules up far faster than segno's PNG writer.
    """
    rows = _code(url).matrix_iter(scale=1, border=QUIET_ZONE_MODULES)
    pixels = b"".join(bytes(0 if dark else 255 for dark in row) for row in rows)
    size = int(len(pixels) ** 0.5)
    image = Image.frombytes("L", (size, size), pixels).resize(
        (size * PNG_SCALE, size * PNG_SCALE), Image.Resampling.NEAREST
    )
    output = io.BytesIO()
    image.save(output, format="PNG")
    data = base64.b64encode(output.getvalue()).decode("ascii")
    return format_html('<img class="qr-code" src="data:image/png;base64,{}" alt="">', data)
