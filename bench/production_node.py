"""The search node the benchmarks measure: started by scripts/search-node in a state directory
of its own, configured as a production node is (the full JIT, a 1 GiB heap), where the tests'
node trades those for a quick start."""

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from tests.production.processes import service_script

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_NODE_ENV = {
    "SEARCH_NODE_STATE_DIR": str(ROOT / ".search-node-bench"),
    "SEARCH_NODE_HEAP": "1g",
    "SEARCH_NODE_JAVA_OPTS": "-XX:TieredStopAtLevel=4",
}


@contextlib.contextmanager
def production_node() -> Iterator[str | None]:
    """$SEARCH_URL, or a node of our own started for the run and stopped after it; None when
    none can be started (no Java or Maven)."""
    if url := os.environ.get("SEARCH_URL"):
        yield url
        return
    try:
        url = service_script("search-node", "start", PRODUCTION_NODE_ENV)
    except (OSError, RuntimeError, subprocess.TimeoutExpired):
        yield None
        return
    try:
        yield url.strip()
    finally:
        service_script("search-node", "stop", PRODUCTION_NODE_ENV)
