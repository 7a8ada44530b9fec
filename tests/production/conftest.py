"""What the production tests share: static files collected once, a migrated SQLite file."""

import pytest

from tests.production.processes import manage_or_fail, production_env


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """STATIC_ROOT after `collectstatic` with the production storage (hashed, compressed)."""
    static_root = tmp_path_factory.mktemp("static")
    manage_or_fail("collectstatic", "--noinput", env=production_env(STATIC_ROOT=str(static_root)))
    return static_root


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """A SQLite file as `migrate` leaves it, to copy for each test that needs a database."""
    database = tmp_path_factory.mktemp("migrated") / "passerelles.sqlite3"
    manage_or_fail("migrate", "--noinput", env=production_env(DATABASE_URL=f"sqlite:///{database}"))
    return database
