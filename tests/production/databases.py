"""Databases of their own for the production tests, never the suite's: a migrated SQLite file,
a fresh database on the suite's PostgreSQL server, a throwaway PostgreSQL cluster."""

import shutil
import sqlite3
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

from tests.production.processes import free_port, service_script


def copy_sqlite(source: Path, target: Path) -> Path:
    """A consistent copy (SQLite's backup API), whatever the source's write-ahead log holds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(source) as origin, sqlite3.connect(target) as copy:
        origin.backup(copy)
    return target


def database_url(name: str | None = None) -> str:
    """The URL of the suite's test database, or of another database `name` on its server."""
    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{name or params['NAME']}"
    credentials = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
    address = f"{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}"
    return f"postgres://{credentials}@{address}/{name or params['NAME']}"


@contextmanager
def empty_postgres_database():
    """A new, empty database beside the suite's test database, dropped afterwards."""
    import psycopg

    name = f"passerelles_restore_{uuid.uuid4().hex[:8]}"
    server = psycopg.connect(database_url("postgres"), autocommit=True)
    try:
        server.execute(f'CREATE DATABASE "{name}"')
        yield database_url(name)
    finally:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.close()


class ThrowawayPostgres:
    """A PostgreSQL cluster of its own, started and stopped by scripts/postgres-server with
    its own state directory and port (the suite's server is never touched)."""

    def __init__(self):
        # Not under pytest's tmp dir: the `postgres` user must be able to reach it.
        self.state_dir = Path(tempfile.mkdtemp(prefix="passerelles-pg-"))
        self.env = {
            "POSTGRES_STATE_DIR": str(self.state_dir),
            "POSTGRES_PORT": str(free_port()),  # the same port again after a restart
        }

    def start(self) -> str:
        return service_script("postgres-server", "start", self.env)

    def stop(self) -> None:
        service_script("postgres-server", "stop", self.env)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.state_dir, ignore_errors=True)
