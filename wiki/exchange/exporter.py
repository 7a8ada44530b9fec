"""Export published practices to a folder of Markdown files, one per practice."""

import os
import tempfile
from pathlib import Path

from wiki.exchange.pages import page_to_data
from wiki.exchange.render import render_practice
from wiki.models import PracticePage


def write_atomically(path: Path, text: str) -> None:
    """Write through a temporary file and rename it, so a crash never leaves half a file."""
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def export_practices(directory: Path, include_drafts: bool = False) -> list[Path]:
    """Write `<slug>.md` for each live practice (or each latest draft with `include_drafts`)."""
    directory.mkdir(parents=True, exist_ok=True)
    pages = PracticePage.objects.all() if include_drafts else PracticePage.objects.live()
    pages = pages.select_related("stage").prefetch_related(
        "themes",
        "audiences",
        "levels",
        "partners",
        "steps",
        "difficulties",
        "memo_items",
        "quotes",
        "resources__document",
    )
    written = []
    for page in pages.order_by("slug"):
        source = page.get_latest_revision_as_object() if include_drafts else page
        target = directory / f"{page.slug}.md"
        write_atomically(target, render_practice(page_to_data(source)))
        written.append(target)
    return written
