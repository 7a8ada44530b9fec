"""The search node the benchmarks measure: started by scripts/search-node in a state directory
of its own, configured as a production node is (the full JIT, a 1 GiB heap), where the tests'
node trades those for a quick start."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_NODE_ENV = {
    "SEARCH_NODE_STATE_DIR": str(ROOT / ".search-node-bench"),
    "SEARCH_NODE_HEAP": "1g",
    "SEARCH_NODE_JAVA_OPTS": "-XX:TieredStopAtLevel=4",
}
