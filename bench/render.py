"""Server time of the main pages with 20 and 2,000 generated practices, and peak memory.

Run: `.venv/bin/python bench/render.py [--sizes 20 2000] [--repeat 40]`. Each size gets its
own fresh SQLite database; requests go through Django's full stack in-process (no network,
no cache), and the figures are medians and 95th percentiles over repeated requests.
"""

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def measure(client, url: str, repeat: int) -> list[float]:
    client.get(url)  # warm-up: imports, template loading
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return timings


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(sizes: list[int], repeat: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="passerelles-bench-"))
    setup_django(workdir / "bench.sqlite3")
    from django.db import connection
    from django.test import Client

    from bench.generate import generate_practices
    from wiki.models import PracticePage

    client = Client()
    generated = 0
    print(f"{'practices':>9}  {'page':<34} {'p50 ms':>8} {'p95 ms':>8}")
    for size in sizes:
        started = time.perf_counter()
        generate_practices(size - generated, start=generated)
        generated = size
        print(f"# generated {size} practices in {time.perf_counter() - started:.1f} s")
        practice = PracticePage.objects.live().order_by("pk")[size // 2]
        urls = {
            "home": "/",
            "practice": practice.url,
            "theme": "/themes/communiquer/",
            "filtered list": "/pratiques/?theme=communiquer&stage=premier-contact&level=college",
            "full list, page 2": "/pratiques/?page=2",
        }
        connection.queries_log.clear()
        for name, url in urls.items():
            timings = measure(client, url, repeat)
            print(
                f"{size:>9}  {name:<34} {statistics.median(timings):>8.1f} "
                f"{percentile(timings, 0.95):>8.1f}"
            )
        # Memory in a separate pass: tracing allocations slows every request several times.
        tracemalloc.start()
        for url in urls.values():
            client.get(url)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"# peak Python memory of one request of each page: {peak / 2**20:.1f} MiB")
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"# process peak RSS (generation included): {max_rss:.0f} MiB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20, 2000])
    parser.add_argument("--repeat", type=int, default=40)
    arguments = parser.parse_args()
    run(sorted(arguments.sizes), arguments.repeat)
