"""Images made ready for print: downscaled before embedding, or a placeholder when unusable."""

import base64
import io
import logging
from xml.sax.saxutils import escape

from PIL import Image, ImageOps

from .content import GuideImage

logger = logging.getLogger(__name__)

JPEG_QUALITY = 85
MAX_HEIGHT_RATIO = 2  # a very tall image is capped at twice the width limit


def printable_image(image: GuideImage | None, max_width_px: int) -> str:
    """A data URI of the image at most `max_width_px` wide, or of a placeholder.

    A missing, unreadable or absurdly large file never stops a build: the booklet then shows
    "Image manquante" with the image's description, so the editor sees what to fix.
    """
    if image is None or image.path is None:
        return placeholder_image("" if image is None else image.alt)
    try:
        encoded, mime_type = _downscaled(image, max_width_px)
    except Exception:  # Pillow raises many kinds for broken files; none may stop the build.
        logger.warning("Image illisible pour le guide : %s", image.path, exc_info=True)
        return placeholder_image(image.alt)
    return _data_uri(encoded, mime_type)


def placeholder_image(alt: str) -> str:
    """A light grey 4:3 box saying "Image manquante", with the description below it."""
    description = escape(alt.strip()[:120])
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">'
        '<rect width="400" height="300" rx="12" fill="#eeeeee" stroke="#9e9e9e" '
        'stroke-width="3" stroke-dasharray="12 8"/>'
        '<text x="200" y="140" text-anchor="middle" font-family="sans-serif" font-size="28" '
        'font-weight="bold" fill="#555555">Image manquante</text>'
        f'<text x="200" y="185" text-anchor="middle" font-family="sans-serif" font-size="18" '
        f'fill="#555555">{description}</text>'
        "</svg>"
    )
    return _data_uri(svg.encode(), "image/svg+xml")


def _downscaled(image: GuideImage, max_width_px: int) -> tuple[bytes, str]:
    with Image.open(image.path) as source:
        max_size = (max_width_px, max_width_px * MAX_HEIGHT_RATIO)
        source.draft("RGB", max_size)  # JPEG decodes straight at a smaller scale: much faster
        picture = ImageOps.exif_transpose(source)
        picture.thumbnail(max_size, Image.Resampling.LANCZOS)
    if _has_alpha(picture):
        output = io.BytesIO()
        picture.convert("RGBA").save(output, format="PNG", optimize=True)
        return output.getvalue(), "image/png"
    output = io.BytesIO()
    picture.convert("RGB").save(output, format="JPEG", quality=JPEG_QUALITY, optimize=True)
    return output.getvalue(), "image/jpeg"


def _has_alpha(picture: Image.Image) -> bool:
    return picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info


def _data_uri(data: bytes, mime_type: str) -> str:
    return f"data:{mime_type};base64,{base64.b64encode(data).decode('ascii')}"
