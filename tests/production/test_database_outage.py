"""The database goes away under a running gunicorn (DEBUG=0): visitors get a French 503 page
with Retry-After, never a traceback, and the site answers again by itself once the database
is back, without restarting the application server."""

import pytest

from tests.production.databases import ThrowawayPostgres, copy_sqlite
from tests.production.processes import AppServer, manage_or_fail, production_env

pytestmark = pytest.mark.slow

PAGE = "/pratiques/"


def assert_unavailable_in_french(server: AppServer) -> None:
    answer = server.get(PAGE)
    assert answer.status == 503
    assert answer.headers["Retry-After"] == "30"
    assert '<html lang="fr">' in answer.text
    assert "Le site est momentanément indisponible" in answer.text
    assert "Traceback" not in answer.text and "OperationalError" not in answer.text
    health = server.get("/healthz")
    assert health.status == 503
    assert '"database": "down"' in health.text


def assert_serving(server: AppServer) -> None:
    answer = server.get(PAGE)
    assert answer.status == 200, server.output()
    assert "Les pratiques" in answer.text
    assert '"status": "ok"' in server.get("/healthz").text


def test_a_sqlite_file_out_of_reach_gives_a_french_503_until_it_is_back(
    tmp_path, migrated_sqlite, collected_static
):
    folder = tmp_path / "donnees"
    database = copy_sqlite(migrated_sqlite, folder / "passerelles.sqlite3")
    env = production_env(
        DATABASE_URL=f"sqlite:///{database}",
        STATIC_ROOT=str(collected_static),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    with AppServer(env, tmp_path / "gunicorn.log") as server:
        assert_serving(server)

        folder.rename(tmp_path / "ailleurs")  # the volume holding the database is gone
        assert_unavailable_in_french(server)

        (tmp_path / "ailleurs").rename(folder)
        assert_serving(server)


@pytest.fixture
def postgres_cluster():
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    cluster = ThrowawayPostgres()
    try:
        try:
            url = cluster.start()
        except RuntimeError as error:
            pytest.skip(f"no PostgreSQL server could be started: {error}")
        yield cluster, url
    finally:
        cluster.destroy()


def test_a_stopped_postgresql_gives_a_french_503_and_the_site_resumes_without_a_restart(
    tmp_path, postgres_cluster, collected_static
):
    cluster, url = postgres_cluster
    env = production_env(
        DATABASE_URL=url, STATIC_ROOT=str(collected_static), MEDIA_ROOT=str(tmp_path / "media")
    )
    manage_or_fail("migrate", "--noinput", env=env)
    with AppServer(env, tmp_path / "gunicorn.log") as server:
        assert_serving(server)

        cluster.stop()
        assert_unavailable_in_french(server)

        cluster.start()
        assert_serving(server)

        # Restarted between two requests: the worker's persistent connection is dead, and is
        # replaced before use (CONN_HEALTH_CHECKS) instead of failing the next visitor.
        cluster.stop()
        cluster.start()
        assert_serving(server)
