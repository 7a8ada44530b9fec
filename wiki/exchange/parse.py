"""Reading a practice file in the exchange format into a `PracticeData`, or refusing it."""

import unicodedata
from collections.abc import Collection
from pathlib import Path

from .data import PracticeData
from .errors import PracticeFormatError
from .front_matter import read_front_matter, split_front_matter
from .sections import read_body
from .text import slugify_title

__all__ = ["MAX_FILE_BYTES", "parse_practice", "read_practice_file", "slugify_title"]

MAX_FILE_BYTES = 1_000_000


def read_practice_file(
    path: Path, *, theme_slugs: Collection[str], stage_slugs: Collection[str]
) -> PracticeData:
    """Read and check one practice file; raise `PracticeFormatError` if it is refused."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise _too_large(size)
    with path.open("rb") as file:
        # Read one byte more than allowed, in case the file grew since `stat`.
        content = file.read(MAX_FILE_BYTES + 1)
    if len(content) > MAX_FILE_BYTES:
        raise _too_large(len(content))
    return parse_practice(_decoded(content), theme_slugs=theme_slugs, stage_slugs=stage_slugs)


def _too_large(size: int) -> PracticeFormatError:
    return PracticeFormatError(
        f"Fichier trop gros : {_french_number(size)} octets, "
        f"la limite est de {_french_number(MAX_FILE_BYTES)} octets."
    )


def _french_number(number: int) -> str:
    return f"{number:,}".replace(",", " ")


def _decoded(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")  # a byte order mark, as some editors write, is fine
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise PracticeFormatError(
            f"Le fichier n'est pas en UTF-8 (octet 0x{content[error.start]:02X} illisible) : "
            "enregistrez-le en UTF-8.",
            line,
        ) from None


def parse_practice(
    text: str, *, theme_slugs: Collection[str], stage_slugs: Collection[str]
) -> PracticeData:
    """Check the text of a practice file and return its content.

    Line numbers in errors are those of the file, counted from 1.
    """
    # Decomposed accents (as macOS writes them) and Windows line ends must not change
    # what a heading matches or which line an error points at.
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    yaml_text, closing_index = split_front_matter(lines)
    front = read_front_matter(
        yaml_text, first_line=2, theme_slugs=theme_slugs, stage_slugs=stage_slugs
    )
    body = "\n".join(lines[closing_index + 1 :])
    last_line = max(len(lines) - 1 if text.endswith("\n") else len(lines), 1)
    sections = read_body(body, first_line=closing_index + 2, last_line=last_line)
    return PracticeData(
        title=front.title,
        slug=front.slug,
        summary=front.summary,
        themes=front.themes,
        audience=front.audience,
        stage=front.stage,
        levels=front.levels,
        structure=front.structure,
        territory=front.territory,
        partners=front.partners,
        **sections,
    )
