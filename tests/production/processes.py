"""Child processes for the production tests: `manage.py` commands and a real gunicorn server,
configured from the environment as in production (DEBUG=0)."""

import os
import resource
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(**values: str) -> dict[str, str]:
    """The environment of a production server on plain HTTP (no TLS proxy in a test)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DATABASE_", "SEARCH_", "DJANGO_"))
    }
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        SEARCH_ENGINE="database",
        WEB_CONCURRENCY="1",  # one worker: the same persistent connection across requests
        GUNICORN_ACCESS_LOG="",
    )
    env.update(values)
    return env


def manage(
    *args: str, env: dict[str, str], timeout: float = 300, file_size_limit: int | None = None
) -> subprocess.CompletedProcess:
    """Run a management command; `file_size_limit` (bytes) makes every write past it fail
    as on a full disk (the child ignores SIGXFSZ, as Python does, and gets EFBIG)."""

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_limit, file_size_limit))

    return subprocess.run(
        [sys.executable, str(PROJECT_DIR / "manage.py"), *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit_file_size if file_size_limit else None,
        check=False,
    )


def manage_or_fail(*args: str, env: dict[str, str], timeout: float = 300) -> str:
    done = manage(*args, env=env, timeout=timeout)
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stderr[-3000:]}"
    return done.stdout


def service_script(name: str, action: str, env: dict[str, str]) -> str:
    """`scripts/<name> <action>` (postgres-server, search-node) with `env` added to ours;
    returns the last line printed, the URL after a start."""
    done = subprocess.run(
        [str(PROJECT_DIR / "scripts" / name), action],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"scripts/{name} {action} failed:\n{done.stderr[-2000:]}")
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    text: str


class AppServer:
    """gunicorn serving the project with `env`, on a free loopback port, with its config file."""

    def __init__(self, env: dict[str, str], log_path: Path):
        self.port = free_port()
        self.log = log_path.open("w+")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py"],
            cwd=PROJECT_DIR,
            env={**env, "BIND": f"127.0.0.1:{self.port}"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def __enter__(self) -> "AppServer":
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"gunicorn exited:\n{self.output()}")
            try:
                self.get("/healthz")
                return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer within 60 s:\n{self.output()}")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-4000:]

    def get(self, path: str) -> Answer:
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}")
        try:
            with urllib.request.urlopen(request, timeout=15) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())
