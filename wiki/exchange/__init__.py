"""The Markdown exchange format of practices: reading a file into data, writing data as a file.

Pure Python, free of Django: the import and export commands turn `PracticeData` into pages
and back. The format is described in `shared/spec/practice-format.md`.
"""

from .data import Difficulty, PracticeData, Quote, Resource, Step
from .errors import PracticeFormatError
from .parse import MAX_FILE_BYTES, parse_practice, read_practice_file
from .render import render_practice
from .text import slugify_title

__all__ = [
    "MAX_FILE_BYTES",
    "Difficulty",
    "PracticeData",
    "PracticeFormatError",
    "Quote",
    "Resource",
    "Step",
    "parse_practice",
    "read_practice_file",
    "render_practice",
    "slugify_title",
]
