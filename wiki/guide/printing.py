"""What the booklet and the poster share: the shipped fonts, colour helpers, HTML to PDF.

Everything comes from disk (fonts in static/fonts, stylesheets in print_css/): a build never
reaches the internet, and WeasyPrint subsets and embeds the fonts in the PDF.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import CSS, HTML, Document
from weasyprint import html as weasyprint_html
from weasyprint.text.fonts import FontConfiguration

from wiki.exchange.text import fold_accents

PRINT_CSS_DIR = Path(__file__).resolve().parent / "print_css"
DEFAULT_COLOUR = "#1f5fa8"
# The three stages, from the first steps to an established partnership: deeper and deeper.
STAGE_COLOURS = ("#00838f", "#1f5fa8", "#4e4aa8")
_HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# (family, file, weight, style): only the faces the layouts use, to keep the repo small.
FONT_FACES = (
    ("Atkinson Hyperlegible", "AtkinsonHyperlegible-Regular.ttf", 400, "normal"),
    ("Atkinson Hyperlegible", "AtkinsonHyperlegible-Bold.ttf", 700, "normal"),
    ("Atkinson Hyperlegible", "AtkinsonHyperlegible-Italic.ttf", 400, "italic"),
    ("Fredoka", "Fredoka-SemiBold.ttf", 600, "normal"),
)


def static_file_uri(relative_path: str) -> str:
    """The file URL of a file under static/: WeasyPrint reads it from disk, not over HTTP."""
    return (Path(settings.BASE_DIR) / "static" / relative_path).as_uri()


def fonts_css() -> str:
    """`@font-face` rules pointing at the shipped TTF files by absolute file URL."""
    fonts_dir = Path(settings.BASE_DIR) / "static" / "fonts"
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{(fonts_dir / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for family, name, weight, style in FONT_FACES
    )


def render_document(template: str, context: dict, stylesheets: Iterable[str]) -> Document:
    """Lay out a template with the shipped fonts and the named stylesheets of print_css/."""
    html = _PrintHTML(string=render_to_string(template, context), base_url=str(PRINT_CSS_DIR))
    css = [_fonts_stylesheet()] + [_stylesheet(name) for name in stylesheets]
    return html.render(stylesheets=css, font_config=_font_configuration())


def prepare_stylesheets(stylesheets: Iterable[str]) -> None:
    """Load the fonts, parse the named stylesheets and warm WeasyPrint up, once a process.

    The booklet's parts and the poster are laid out in forked children: what the parent has
    done before forking, every child shares instead of doing it again.
    """
    for name in stylesheets:
        _stylesheet(name)
    _warm_up()


@cache
def _warm_up() -> None:
    """Lay out and draw a few words in every face, once.

    The first document a process lays out pays for more than its own pages: the C types of
    Pango and HarfBuzz declared to cffi, the fonts opened and shaped, the French hyphenation
    dictionary read, the PDF and font-subsetting code loaded. About 0.15 s that each forked
    child would otherwise pay again.
    """
    faces = "".join(
        f"<p style=\"font-family: '{family}'; font-weight: {weight}; font-style: {style}\">"
        "Passerelles : l’école et le centre social, accompagnement périscolaire</p>"
        for family, _, weight, style in FONT_FACES
    )
    html = _PrintHTML(string=f'<html lang="fr"><body style="width: 25mm">{faces}</body></html>')
    stylesheets = [_fonts_stylesheet(), _stylesheet("common.css")]
    html.render(stylesheets=stylesheets, font_config=_font_configuration()).write_pdf()


@cache
def _font_configuration() -> FontConfiguration:
    # One per process: it holds the shipped fonts, the same for every document.
    return FontConfiguration()


@cache
def _fonts_stylesheet() -> CSS:
    return CSS(string=fonts_css(), font_config=_font_configuration())


@cache
def _stylesheet(name: str) -> CSS:
    return CSS(filename=str(PRINT_CSS_DIR / name), font_config=_font_configuration())


class _PrintHTML(HTML):
    """An HTML document laid out with the trimmed user-agent stylesheet below."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        # WeasyPrint's own hook (pyproject.toml pins its major version); forms are never used.
        return [_trimmed_user_agent_stylesheet()]


@cache
def _trimmed_user_agent_stylesheet() -> CSS:
    """WeasyPrint's HTML stylesheet without its rules for every element's ::marker,
    ::footnote-* and ::note-* pseudo-elements.

    Those rules give each element of the document six pseudo-element styles to compute,
    though printed guides have no footnotes and only list items have markers: 3 % of a
    chapter's style and layout work. List items keep their ::marker rule. The counter styles
    (one a line) are left out too: WeasyPrint has them already, and warns of them as
    duplicates.
    """
    lines = [
        line.replace("::marker {", "li::marker {", 1)
        for line in weasyprint_html.UA.splitlines()
        if not line.startswith(("::footnote-", "::note-", "@counter-style"))
    ]
    return CSS(string="\n".join(lines))


@dataclass(frozen=True)
class Palette:
    """The colours derived from one chapter colour, each safe for its use."""

    colour: str  # backgrounds of bands and tabs
    ink: str  # text on white: the colour, darkened if too light to read
    on_colour: str  # text on the colour: white or near black
    tint: str  # a pale wash of the colour for boxes


def palette(colour: str) -> Palette:
    """The palette of a "#rrggbb" colour; anything else falls back to the default blue.

    The colour ends up inside CSS, so it is checked here rather than trusted.
    """
    if not _HEX_COLOUR.match(colour or ""):
        colour = DEFAULT_COLOUR
    rgb = _rgb(colour)
    ink = rgb
    while _contrast(ink, (255, 255, 255)) < 4.5:
        ink = tuple(int(channel * 0.85) for channel in ink)
    on_colour = "#ffffff" if _contrast(rgb, (255, 255, 255)) >= 3.5 else "#1a1a1a"
    tint = tuple(round(channel + (255 - channel) * 0.88) for channel in rgb)
    return Palette(colour.lower(), _hex(ink), on_colour, _hex(tint))


def stage_colour(index: int) -> str:
    """The colour of the stage at this position in the guide's list of stages."""
    return STAGE_COLOURS[index % len(STAGE_COLOURS)]


def sort_key(text: str) -> str:
    """French alphabetical order: accents and case do not count ("École" sorts with "e")."""
    return fold_accents(text).casefold()


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[index : index + 2], 16) for index in (1, 3, 5))


def _hex(rgb: Iterable[int]) -> str:
    return "#" + "".join(f"{channel:02x}" for channel in rgb)


def _luminance(rgb: Iterable[int]) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _contrast(first: Iterable[int], second: Iterable[int]) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
