"""Time, CPU and peak memory to build a guide edition's files for 20, 100 and 300 practices.

Run: `.venv/bin/python bench/guide.py [--sizes 20 100 300] [--rounds 3]`. Practices are
generated into a fresh SQLite database, one edition per size is curated (a chapter per
theme) and published; then each round builds the three files (booklet, imposition,
poster) in a child process, as the background task does.

What is measured, for the build alone (not the child's start nor its database reads):
- "build s": wall-clock seconds; on a shared machine they mostly measure waiting;
- "CPU s": processor seconds of the child and of every process it started (the poster's
  worker), user plus system, from getrusage: what the build costs whatever the load;
- "peak MiB": the largest total memory of the whole process tree at any moment, sampled
  every 50 ms from /proc: the sum of each process's proportional set size (PSS), so pages a
  forked worker shares with its parent count once, split between them;
- "RSS sum MiB": the same peak as a sum of resident sets, which counts shared pages once per
  process: an upper bound.
Target on the reference machine (2 cores, 24 GiB): 100 practices in at most 15 s and
500 MiB.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
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
    """Build one edition's files; print the build's seconds, CPU seconds and booklet pages."""
    setup_django(database, migrate=False)
    from pypdf import PdfReader

    from wiki.guide.building import write_files
    from wiki.guide.models import GuideEdition
    from wiki.guide.snapshot import frozen_content

    content = frozen_content(GuideEdition.objects.get(slug=slug))
    print("ready", flush=True)  # the parent samples memory from here on
    start, cpu_start = time.perf_counter(), _cpu_seconds()
    paths = write_files(content, output)
    seconds, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    pages = len(PdfReader(paths[0]).pages)
    print(json.dumps({"seconds": seconds, "cpu": cpu, "pages": pages}))


def _cpu_seconds() -> float:
    """User and system seconds of this process and of its children that have been waited for."""
    own, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


@dataclass
class Build:
    seconds: float
    cpu: float
    pages: int
    peak_pss: float  # MiB
    peak_rss: float  # MiB


def build_in_child(database: Path, slug: str, output: Path) -> Build:
    """One build in a child process, its process tree's memory sampled while it runs."""
    command = [sys.executable, __file__, "--child", str(database), slug, str(output)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    if process.stdout.readline().strip() != "ready":
        raise SystemExit(f"the build of {slug} could not start")
    sampler = TreeMemory(process.pid)
    sampler.start()
    result = json.loads(process.stdout.read())
    if process.wait() != 0:
        raise SystemExit(f"the build of {slug} failed")
    sampler.stop()
    return Build(
        result["seconds"], result["cpu"], result["pages"], sampler.peak_pss, sampler.peak_rss
    )


class TreeMemory(threading.Thread):
    """Samples the total memory of a process and all its descendants every 50 ms."""

    def __init__(self, root: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_pss = self.peak_rss = 0.0
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            pss = rss = 0
            for pid in _tree(self.root):
                pss += _kib(f"/proc/{pid}/smaps_rollup", "Pss:")
                rss += _kib(f"/proc/{pid}/status", "VmRSS:")
            self.peak_pss = max(self.peak_pss, pss / 1024)
            self.peak_rss = max(self.peak_rss, rss / 1024)
            self.stopping.wait(self.interval)

    def stop(self) -> None:
        self.stopping.set()
        self.join()


def _tree(root: int) -> list[int]:
    pids, index = [root], 0
    while index < len(pids):
        pid = pids[index]
        index += 1
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as children:
                    pids += [int(child) for child in children.read().split()]
        except OSError:  # the process has just exited
            continue
    return pids


def _kib(path: str, field: str) -> int:
    try:
        with open(path) as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run(sizes: list[int], rounds: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="passerelles-bench-guide-"))
    database = workdir / "bench.sqlite3"
    setup_django(database, migrate=True)
    from bench.generate import generate_practices
    from wiki.demo import FIXTURES, load_glossary

    load_glossary(FIXTURES / "glossary.yaml")
    generate_practices(max(sizes))
    print(
        f"{'practices':>9} {'pages':>6} {'build p50 s':>12} {'min s':>7} {'CPU p50 s':>10} "
        f"{'peak MiB':>9} {'RSS sum MiB':>12}"
    )
    for size in sizes:
        slug = curate_edition(size)
        builds = [build_in_child(database, slug, workdir / slug) for _ in range(rounds)]
        seconds = [build.seconds for build in builds]
        print(
            f"{size:>9} {builds[0].pages:>6} {statistics.median(seconds):>12.1f} "
            f"{min(seconds):>7.1f} {statistics.median(build.cpu for build in builds):>10.1f} "
            f"{max(build.peak_pss for build in builds):>9.0f} "
            f"{max(build.peak_rss for build in builds):>12.0f}"
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
