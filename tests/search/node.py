"""The search node the tests talk to: $SEARCH_URL, or a local one started by scripts/search-node."""

import functools
import os
import shutil
import subprocess
import warnings
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
START_TIMEOUT = 600  # the first start downloads OpenSearch


@functools.cache
def search_node_url() -> str | None:
    """The URL of a running node, or None when there is none and none can be started.

    The node is left running: whoever runs the suite (CI, a developer) stops it.
    """
    if url := os.environ.get("SEARCH_URL"):
        return url.rstrip("/")
    if not (shutil.which("java") and shutil.which("mvn")):
        return None
    try:
        started = subprocess.run(
            [str(PROJECT_DIR / "scripts" / "search-node"), "start"],
            cwd=PROJECT_DIR,
            capture_output=True,
            text=True,
            timeout=START_TIMEOUT,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        warnings.warn(f"scripts/search-node start failed: {error}", stacklevel=2)
        return None
    lines = started.stdout.strip().splitlines()
    if started.returncode != 0 or not lines:
        warnings.warn(
            f"scripts/search-node start failed: {started.stderr.strip()[-2000:]}", stacklevel=2
        )
        return None
    return lines[-1].strip()


def skip_or_fail(message: str) -> None:
    """Skip a test that needs the search node, or fail it when CI says the node is required."""
    import pytest

    if os.environ.get("SEARCH_NODE_REQUIRED") == "1":
        pytest.fail(message)
    pytest.skip(message)
