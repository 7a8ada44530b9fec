"""An OpenSearch node of the test's own, started by scripts/search-node with its own state
directory: the suite's node, shared by every engine test, is never stopped."""

import os
import shutil
import signal
import socket
import tempfile
import time
from pathlib import Path

from tests.production.processes import service_script
from tests.search.node import skip_or_fail


def java_and_maven_or_skip() -> None:
    if shutil.which("java") and shutil.which("mvn"):
        return
    skip_or_fail("no Java and Maven: scripts/search-node cannot start a node")


class DedicatedSearchNode:
    def __init__(self):
        self.state_dir = Path(tempfile.mkdtemp(prefix="passerelles-search-node-"))
        self.port: str | None = None

    def env(self) -> dict[str, str]:
        env = {"SEARCH_NODE_STATE_DIR": str(self.state_dir)}
        if self.port:  # back on the same address after a crash
            env["SEARCH_NODE_PORT"] = self.port
        return env

    def start(self) -> str:
        url = service_script("search-node", "start", self.env())
        self.port = (self.state_dir / "port").read_text().strip()
        return url

    def crash(self) -> None:
        """Kill the JVM outright, as a crash or an out-of-memory kill would, and wait until
        its port refuses connections."""
        os.kill(int((self.state_dir / "pid").read_text()), signal.SIGKILL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", int(self.port)), timeout=1).close()
            except OSError:
                return
            time.sleep(0.1)
        raise RuntimeError("the search node still answers after SIGKILL")

    def destroy(self) -> None:
        service_script("search-node", "stop", self.env())
        shutil.rmtree(self.state_dir, ignore_errors=True)
