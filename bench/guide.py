"""Time and peak memory to build a guide edition's files for 20, 100 and 300 practices.

Run: `.venv/bin/python bench/guide.py [--sizes 20 100 300] [--rounds 3]`. Practices are
generated into a fresh SQLite database, one edition per size is curated (a chapter per
theme) and published; then each round builds the three files (booklet, imposition,
poster) in a child process, as the background task does, so the peak memory measured
(the child's maximum resident set, from wait4) is the build's alone.
Target on the reference machine: 100 practices (about 250 A5 pages) in at most 15 s and
500 MiB.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: Path, migrate: bool) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)


def curate_edition(size: int) -> str:
    """An edition of the first `size` generated practices, one chapter per first theme."""
    import datetime
    from collections import defaultdict

    from wiki.guide.freezing import publish_edition
    from wiki.guide.models import GuideEdition
    from wiki.models import PracticePage, Theme

    by_theme = defaultdict(list)
    for page in PracticePage.objects.order_by("pk").prefetch_related("themes")[:size]:
        by_theme[min(page.themes.all(), key=lambda theme: theme.sort_order).slug].append(page)
    themes = Theme.objects.in_bulk(field_name="slug")
    edition = GuideEdition.objects.create(
        slug=f"bench-{size}",
        edition_label=f"Banc d'essai, {size} pratiques",
        edition_date=datetime.date(2026, 6, 15),
        purpose="<p>Mesurer la fabrication du livret.</p>",
        how_to_use="<p>Aucun.</p>",
        glossary_scope="all",
        chapters=[
            (
                "chapter",
                {"theme": themes[slug], "title": "", "introduction": "", "practices": pages},
            )
            for slug, pages in sorted(by_theme.items(), key=lambda item: themes[item[0]].sort_order)
        ],
    )
    publish_edition(edition)
    return edition.slug


def child(database: Path, slug: str, output: Path) -> None:
    """Build one edition's files and print the seconds it took and the booklet's pages."""
    setup_django(database, migrate=False)
    from pypdf import PdfReader

    from wiki.guide.building import write_files
    from wiki.guide.models import GuideEdition
    from wiki.guide.snapshot import frozen_content

    content = frozen_content(GuideEdition.objects.get(slug=slug))
    start = time.perf_counter()
    paths = write_files(content, output)
    seconds = time.perf_counter() - start
    pages = len(PdfReader(paths[0]).pages)
    print(json.dumps({"seconds": seconds, "pages": pages}))


def build_in_child(database: Path, slug: str, output: Path) -> tuple[float, int, float]:
    """(build seconds, booklet pages, peak resident MiB) of one build in a child process."""
    command = [sys.executable, __file__, "--child", str(database), slug, str(output)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(process.pid, 0)
    result = json.loads(process.stdout.read())
    if status != 0:
        raise SystemExit(f"the build of {slug} failed")
    return result["seconds"], result["pages"], usage.ru_maxrss / 1024


def run(sizes: list[int], rounds: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="passerelles-bench-guide-"))
    database = workdir / "bench.sqlite3"
    setup_django(database, migrate=True)
    from bench.generate import generate_practices
    from wiki.demo import FIXTURES, load_glossary

    load_glossary(FIXTURES / "glossary.yaml")
    generate_practices(max(sizes))
    print(f"{'practices':>9} {'pages':>6} {'build p50 s':>12} {'min s':>7} {'peak MiB':>9}")
    for size in sizes:
        slug = curate_edition(size)
        figures = [build_in_child(database, slug, workdir / slug) for _ in range(rounds)]
        seconds = [seconds for seconds, _pages, _peak in figures]
        pages = figures[0][1]
        peak = max(peak for _seconds, _pages, peak in figures)
        print(
            f"{size:>9} {pages:>6} {statistics.median(seconds):>12.1f} "
            f"{min(seconds):>7.1f} {peak:>9.0f}"
        )
    print(f"(files in {workdir})")


def main() -> None:
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        child(Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 100, 300])
    parser.add_argument("--rounds", type=int, default=3)
    arguments = parser.parse_args()
    run(arguments.sizes, arguments.rounds)


if __name__ == "__main__":
    main()
