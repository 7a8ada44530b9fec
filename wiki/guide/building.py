"""Making an edition's files: the booklet, its imposition for home printing, the poster.

`run_build` is what the background task runs, in a child process (see `wiki.guide.tasks`):
WeasyPrint keeps memory in a long-lived process, and a child gives all of it back when it
exits. It reports its step and pages done on the `GuideBuild` row the admin page shows.
"""

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

from wiki.guide.booklet import WRITING_STEP, lay_out_booklet
from wiki.guide.booklet_merging import PartMerger
from wiki.guide.content import GuideContent
from wiki.guide.forking import ForkedJob
from wiki.guide.imposition import impose_booklet
from wiki.guide.models import GuideBuild
from wiki.guide.poster import STYLESHEETS as POSTER_STYLESHEETS
from wiki.guide.poster import build_poster
from wiki.guide.printing import prepare_stylesheets
from wiki.guide.snapshot import frozen_content

ProgressCallback = Callable[[str, int, int], None]


@dataclass(frozen=True)
class GuideFiles:
    booklet: bytes
    imposition: bytes
    poster: bytes


def file_names(page_size: str) -> dict[str, str]:
    size = page_size.lower()
    return {
        "booklet": f"livret-{size}.pdf",
        "imposition": f"livret-{size}-imposition-a4.pdf",
        "poster": "affiche-a2.pdf",
    }


def build_files(content: GuideContent, progress: ProgressCallback | None = None) -> GuideFiles:
    report = progress or (lambda step, done, total: None)
    pages = 0

    def booklet_progress(step: str, done: int, total: int) -> None:
        nonlocal pages
        pages = max(pages, total)
        report(step, done, total)

    # The poster is laid out in another process while the booklet's parts are: they share
    # nothing but the fonts and stylesheets, parsed here first. The imposition is made from
    # the parts in a child while they are merged here.
    prepare_stylesheets(POSTER_STYLESHEETS)
    poster_job = ForkedJob(build_poster, content)
    merger = PartMerger()
    parts = lay_out_booklet(content, progress=booklet_progress, on_drawn=merger.add)
    imposition_job = ForkedJob(impose_booklet, [part.pdf for part in parts])
    booklet = merger.finish(parts)
    booklet_progress(WRITING_STEP, pages, pages)
    # The later steps keep the booklet's page count, so the admin shows "N pages sur N".
    report("Imposition pour l'impression à la maison", pages, pages)
    imposition = imposition_job.result()
    report("Affiche", pages, pages)
    poster = poster_job.result()
    report("Terminé", pages, pages)
    return GuideFiles(booklet=booklet, imposition=imposition, poster=poster)


def write_files(content: GuideContent, directory: Path, progress=None) -> list[Path]:
    """Build the three files into `directory` (created if needed); returns their paths."""
    files = build_files(content, progress)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, name in file_names(content.page_size).items():
        path = directory / name
        temporary = path.with_suffix(".pdf.part")
        temporary.write_bytes(getattr(files, kind))
        temporary.replace(path)
        written.append(path)
    return written


class DatabaseProgress:
    """Writes progress to the build row, at most a few times a second."""

    def __init__(self, build: GuideBuild, interval: float = 0.3):
        self.build = build
        self.interval = interval
        self.last_write = 0.0

    def __call__(self, step: str, done: int, total: int) -> None:
        now = time.monotonic()
        if step == self.build.step and now - self.last_write < self.interval and done < total:
            return
        self.last_write = now
        self.build.step, self.build.pages_done, self.build.pages_total = step, done, total
        GuideBuild.objects.filter(pk=self.build.pk).update(
            step=step, pages_done=done, pages_total=total
        )


def run_build(build_id: int) -> GuideBuild:
    """Build the files of one queued build, recording progress, files or the error."""
    build = GuideBuild.objects.select_related("edition").get(pk=build_id)
    build.status, build.started_at = GuideBuild.Status.RUNNING, timezone.now()
    build.save(update_fields=["status", "started_at"])
    try:
        content = frozen_content(build.edition)
        if content is None:
            raise ValueError(f"L'édition « {build.edition} » n'est pas publiée : rien n'est figé.")
        files = build_files(content, DatabaseProgress(build))
        names = file_names(content.page_size)
        for kind, name in names.items():
            getattr(build, kind).save(name, ContentFile(getattr(files, kind)), save=False)
        build.status = GuideBuild.Status.DONE
    except Exception as error:
        build.status = GuideBuild.Status.FAILED
        build.error = f"{error.__class__.__name__}: {error}\n\n{traceback.format_exc()}"
    build.finished_at = timezone.now()
    build.save()
    return build
