"""Load on the production stack: readers and editors at once against gunicorn, PostgreSQL and
the search node, on loopback, for a bounded time; errors and p50/p95 per endpoint.

Run: `.venv/bin/python bench/load.py [--users 50] [--editors 5] [--duration 120]`
(a smoke run: `--users 5 --editors 1 --duration 15`).

It starts PostgreSQL (scripts/postgres-server) and an OpenSearch node configured as in
production (scripts/search-node with bench/production_node.py's settings) unless they are
already running, creates a fresh database of its own in that PostgreSQL
(migrate, load_demo, search_index rebuild into an index of its own), and serves it with
gunicorn and `DEBUG=0` settings. Readers browse, filter, read practices and themes, search
with the judged French queries of the relevance tests and ask for suggestions; editors log in
to the Wagtail admin and save drafts of a practice each (the Coordination's editors publish one
save in three). Every person pauses between requests (`--think`, seconds). At the end it
stops gunicorn, drops its database and index, and stops what it started. The exit status is 1
when there was an error or when a public page's p95 is over `--target-ms`. gunicorn has the
workers gunicorn.conf.py gives it unless `--workers` says otherwise.

Latencies on a shared machine mostly measure waiting for a core, so it also prints the CPU
each part spent per request (from /proc) and the rate two idle cores could serve.

Readers and editors run in two processes, so that parsing the admin's large form does not
hold up the readers' clocks. No load-testing library: a few threads with `http.client` are
enough here, and locust would bring gevent and a dozen packages into every test install.
"""

import argparse
import os
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_cpu import (  # noqa: E402
    children_cpu_seconds,
    cpu_report,
    cpu_snapshot,
    stack_pids,
)
from bench.load_stack import say, start_stack, stop_stack  # noqa: E402
from bench.load_users import (  # noqa: E402
    Browser,
    Plan,
    Stats,
    judged_queries,
    run_editor,
    run_reader,
)
from bench.render import percentile  # noqa: E402

ADMIN_PREFIX = "admin "


def run_group(kind: str, count: int, plan: Plan, ramp: float) -> dict:
    """`count` readers or editors in this process, started over `ramp` seconds."""
    stats, stop, threads = Stats(), threading.Event(), []
    person = run_reader if kind == "readers" else run_editor
    for number in range(count):
        thread = threading.Thread(target=person, args=(plan, stats, number, stop), daemon=True)
        thread.start()
        threads.append(thread)
        time.sleep(ramp / max(count, 1))
    for thread in threads:
        thread.join(timeout=max(0, plan.deadline - time.time()) + 60)
    stop.set()
    return stats.as_dict()


def warm_up(plan: Plan) -> None:
    """Each page kind and query once per worker or so, unrecorded: imports, templates, the
    node's caches."""
    browser = Browser(plan.port, Stats())
    paths = ["/", "/pratiques/", "/glossaire/", *plan.themes]
    paths += [url for _, url in plan.practices]
    paths += ["/recherche/?" + urlencode({"q": query}) for query in plan.queries[:10]]
    paths += ["/api/search/?" + urlencode({"q": query}) for query in plan.queries]
    for _ in range(3):
        for path in paths:
            browser.get("warm-up", path)


def merge(results: list[dict]) -> Stats:
    merged = Stats(timings=defaultdict(list), errors=defaultdict(int))
    for result in results:
        for name, timings in result["timings"].items():
            merged.timings[name] += timings
        for name, errors in result["errors"].items():
            merged.errors[name] += errors
        for name, sample in result["samples"].items():
            merged.samples.setdefault(name, sample)
    return merged


def report(stats: Stats, elapsed: float, target_ms: float) -> bool:
    """Print the table; True when there was no error and public pages met the target."""
    columns = ("requests", "errors", "p50 ms", "p95 ms", "max ms")
    print(f"\n{'endpoint':<26} {columns[0]:>8} {columns[1]:>6}", *(f"{c:>7}" for c in columns[2:]))
    names = sorted(stats.timings, key=lambda name: (name.startswith(ADMIN_PREFIX), name))
    missed = []
    for name in names:
        timings = stats.timings[name]
        p95 = percentile(timings, 0.95)
        print(
            f"{name:<26} {len(timings):>8} {stats.errors.get(name, 0):>6} "
            f"{percentile(timings, 0.5):>7.0f} {p95:>7.0f} {max(timings):>7.0f}"
        )
        if not name.startswith(ADMIN_PREFIX) and p95 > target_ms:
            missed.append(name)
    total = sum(len(timings) for timings in stats.timings.values())
    errors = sum(stats.errors.values())
    print(
        f"\ntotal: {total} requests in {elapsed:.0f} s = {total / elapsed:.1f} requests/s, "
        f"{errors} error(s)"
    )
    for name, sample in stats.samples.items():
        print(f"  first error on {name}: {sample}")
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"machine load average at the end (1, 5, 15 min): {load} on {os.cpu_count()} cores")
    verdict = "met" if not missed else f"missed by {', '.join(missed)}"
    print(f"target p95 <= {target_ms:.0f} ms on pages and search: {verdict}")
    return errors == 0 and not missed


def run(arguments: argparse.Namespace) -> bool:
    stack = start_stack(arguments.workers)
    try:
        plan = Plan(
            port=stack.server.port,
            practices=[tuple(item) for item in stack.site["practices"]],
            themes=stack.site["themes"],
            facets=stack.site["facets"],
            queries=judged_queries(),
            think=tuple(arguments.think),
            deadline=0,
        )
        say("warming up")
        warm_up(plan)
        say(
            f"{arguments.users} readers and {arguments.editors} editors "
            f"for {arguments.duration:.0f} s"
        )
        pids = stack_pids(stack.server.process.pid)
        cpu_before = cpu_snapshot(pids)
        generator_before = children_cpu_seconds()
        started = time.time()
        plan.deadline = started + arguments.duration
        ramp = min(10.0, arguments.duration / 6)
        with ProcessPoolExecutor(max_workers=2) as pool:
            readers = pool.submit(run_group, "readers", arguments.users, plan, ramp)
            editors = pool.submit(run_group, "editors", arguments.editors, plan, ramp)
            results = [readers.result(), editors.result()]
        elapsed = time.time() - started
        cpu_after = cpu_snapshot(pids)
        generator = children_cpu_seconds() - generator_before
    finally:
        stop_stack(stack)
    stats = merge(results)
    passed = report(stats, elapsed, arguments.target_ms)
    requests = sum(len(timings) for timings in stats.timings.values())
    cpu_report(cpu_before, cpu_after, requests, generator)
    return passed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50, help="readers (default 50)")
    parser.add_argument("--editors", type=int, default=5, help="admin editors (default 5)")
    parser.add_argument("--duration", type=float, default=120, help="seconds (default 120)")
    parser.add_argument(
        "--workers", type=int, help="gunicorn workers (default: as gunicorn.conf.py says)"
    )
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=[1.0, 3.0],
        metavar=("MIN", "MAX"),
        help="seconds a person pauses between two requests (default 1 3)",
    )
    parser.add_argument("--target-ms", type=float, default=200, help="p95 target (default 200)")
    return 0 if run(parser.parse_args()) else 1


if __name__ == "__main__":
    sys.exit(main())
