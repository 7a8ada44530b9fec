"""Search API latency (p50/p95) at 100, 1,000 and 10,000 generated practices on each engine,
and the time of a full rebuild.

Run: `.venv/bin/python bench/search.py [--sizes 100 1000 10000]
[--engines database opensearch]`.
Documents are generated from the demo content (variants of its practices, mixed with
sentences of the others, so the vocabulary is French and realistic), written through each
engine's `rebuild`, then the JSON API is called in-process with a mix of the judged queries
of tests/search/test_relevance.py; the mean share of documents a query matches is printed.
The OpenSearch engine uses $SEARCH_URL, or starts its own node with scripts/search-node
(Java and Maven), configured as a production node is (full JIT, 1 GiB heap; the test node
trades those for a quick start), and stops it at the end; the database engine is filled too,
as the site keeps it in step with every engine (the fallback, and where hits are described
from). Each size is warmed up before it is timed (three passes of the queries on the database,
twenty on a node, whose JIT needs a few hundred searches), as an engine in service is warm.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = [
    "les profs ne répondent jamais à nos mails",
    "une maman en colère contre la maîtresse",
    "CLAS",
    "absenteisme college",
    "nouveau salarié",
    "aide aux devoirs",
    "enseigants repondent pas",
    "cahier de liaison",
    "fête de quartier",
    "conseil d'école",
]


# Passes of the queries before timing: a node just started runs its query code interpreted or
# half-compiled (the JIT needs a few hundred searches); a node in service is warm.
WARM_UP_ROUNDS = {"database": 3, "remote": 20}


def setup_django(database: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "passerelles.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generated_documents(count: int, seed: int = 11):
    """Practices grouped by topic, as a real wiki's are: each is a variant of one demo
    practice (its title, facets and most of its sentences), with a third of its sentences
    taken from other practices, so that every query also meets unrelated documents."""
    from tests.search.corpus import demo_documents

    rng = random.Random(seed)
    demos = demo_documents()
    pool = [
        sentence.strip()
        for document in demos
        for text in [document.summary, *document.sections.values()]
        for sentence in text.split(". ")
        if len(sentence.split()) > 4
    ]
    for number in range(1, count + 1):
        model = rng.choice(demos)
        sections = {}
        for key, text in model.sections.items():
            own = [sentence for sentence in text.split(". ") if sentence]
            kept = rng.sample(own, max(1, len(own) * 2 // 3)) if own else []
            sections[key] = ". ".join(kept + rng.sample(pool, max(1, len(own) // 3)))
        yield replace(
            model,
            page_id=number,
            slug=f"{model.slug}-{number}",
            url=f"/pratiques/{model.slug}-{number}/",
            title=f"{model.title} ({number})",
            sections=sections,
        )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def bench_engine(
    engine_name: str, sizes: list[int], rounds: int, node_url: str | None = None
) -> None:
    from django.test import Client, override_settings

    from search import service
    from tests.search.corpus import demo_synonyms

    overrides = {"SEARCH_ENGINE": "database"}
    if engine_name != "database":
        url = node_url
        if url is None:
            print(f"# {engine_name}: no search node (Java and Maven are needed): skipped")
            return
        overrides = {
            "SEARCH_ENGINE": engine_name,
            "SEARCH_URL": url,
            "SEARCH_INDEX": f"passerelles-bench-{os.getpid()}",
        }
    with override_settings(**overrides):
        engine = service.remote_engine() or service.database_engine()
        client = Client()
        for size in sizes:
            started = time.perf_counter()
            engine.rebuild(generated_documents(size), list(demo_synonyms()))
            indexing = time.perf_counter() - started
            if engine is not service.database_engine():
                # As in service: the database engine is kept in step too (the fallback, and
                # where hits are described from); not part of the timed rebuild.
                service.database_engine().rebuild(generated_documents(size), list(demo_synonyms()))
            shares = []
            for query in QUERIES:  # how broad the queries are on this corpus
                shares.append(client.get("/api/search/", {"q": query}).json()["total"] / size)
            for _ in range(WARM_UP_ROUNDS["database" if engine_name == "database" else "remote"]):
                for query in QUERIES:
                    client.get("/api/search/", {"q": query})
            timings = []
            for _ in range(rounds):
                for query in QUERIES:
                    started = time.perf_counter()
                    response = client.get("/api/search/", {"q": query})
                    timings.append((time.perf_counter() - started) * 1000)
                    assert response.status_code == 200
                    assert response.json()["engine"] == engine.name, response.json()
            print(
                f"{engine.name:<11} {size:>6}  rebuild {indexing:7.1f} s  "
                f"API p50 {statistics.median(timings):6.1f} ms  "
                f"p95 {percentile(timings, 0.95):6.1f} ms"
                f"  ({len(timings)} requests, a query matches {statistics.mean(shares):.0%})"
            )
        if engine_name != "database":
            engine.drop_index()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--engines", nargs="+", default=["database", "opensearch"])
    parser.add_argument("--rounds", type=int, default=10)
    arguments = parser.parse_args()
    from bench.production_node import production_node

    setup_django(Path(tempfile.mkdtemp(prefix="passerelles-search-bench-")) / "bench.sqlite3")
    print(f"{'engine':<11} {'size':>6}")
    for engine_name in arguments.engines:
        if engine_name == "database":
            bench_engine(engine_name, sorted(arguments.sizes), arguments.rounds)
            continue
        with production_node() as url:
            bench_engine(engine_name, sorted(arguments.sizes), arguments.rounds, url)


if __name__ == "__main__":
    main()
