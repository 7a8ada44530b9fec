"""Fuzzing at scale: the properties of tests/security/fuzzing.py with 10,000 examples each.

Run: `.venv/bin/python bench/fuzz.py [--examples 10000] [--only parser|search]`. A fresh
SQLite database in a temporary folder holds 50 generated practices, indexed by the site's
own search engine; requests go through Django's full stack in-process. Prints, for each
property, the examples run (shrinking included), the failures and the time taken.
"""

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def properties(client) -> list[tuple[str, str, object, object]]:
    """(group, name, strategy, function) for each property."""
    from hypothesis import strategies as st

    from tests.security import fuzzing

    return [
        ("parser", "any text", st.text(max_size=2000), fuzzing.parses_or_refuses),
        ("parser", "any bytes (file)", st.binary(max_size=2000), fuzzing.file_parses_or_refuses),
        ("parser", "text with format signs", fuzzing.TEXT, fuzzing.parses_or_refuses),
        (
            "parser",
            "any front matter mapping",
            fuzzing.FRONT_MATTERS,
            fuzzing.wrong_front_matter_is_refused_cleanly,
        ),
        (
            "parser",
            "broken front matter lines",
            fuzzing.FRONT_MATTER_LINES,
            fuzzing.broken_front_matter_lines,
        ),
        ("parser", "odd lines among sections", fuzzing.BODY_INSERTIONS, fuzzing.mutated_body),
        (
            "search",
            "search API, suggestions, page",
            fuzzing.SEARCH_QUERIES,
            lambda params: fuzzing.search_never_fails(client, params),
        ),
    ]


def run_property(strategy, function, examples: int) -> tuple[int, str, float]:
    from hypothesis import HealthCheck, given, settings

    calls = 0

    def body(value) -> None:
        nonlocal calls
        calls += 1
        function(value)

    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
        print_blob=False,
    )(given(strategy)(body))
    started = time.perf_counter()
    try:
        test()
        failure = ""
    except Exception as error:  # the property's failure, reported rather than raised
        failure = f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"
    return calls, failure, time.perf_counter() - started


def run(examples: int, only: str | None) -> int:
    from bench.render import setup_django

    workdir = Path(tempfile.mkdtemp(prefix="passerelles-fuzz-"))
    setup_django(workdir / "fuzz.sqlite3")
    from django.test import Client

    from bench.generate import generate_practices
    from search import service

    # 400 answers to bad parameters are expected; a server error is still logged.
    logging.getLogger("django.request").setLevel(logging.ERROR)
    generate_practices(50)
    service.rebuild()
    client = Client()
    failures = 0
    print(f"{'property':<34} {'examples':>9} {'failures':>9} {'seconds':>8}")
    for group, name, strategy, function in properties(client):
        if only and group != only:
            continue
        calls, failure, seconds = run_property(strategy, function, examples)
        failures += bool(failure)
        print(f"{name:<34} {calls:>9} {int(bool(failure)):>9} {seconds:>8.1f}")
        if failure:
            print(f"  {failure}")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--only", choices=["parser", "search"])
    arguments = parser.parse_args()
    sys.exit(run(arguments.examples, arguments.only))
