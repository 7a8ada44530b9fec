"""/healthz tells a load balancer whether this server can work: database, search, storage."""

import pytest

from tests.production.processes import free_port
from tests.search.conftest import node_or_skip

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_every_part_answers(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("max-age=0")
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "search": "ok",
        "search_engine": "database",
        "storage": "ok",
    }
    assert list(tmp_path.iterdir()) == []  # the probe's file is deleted


def test_healthz_is_503_when_the_media_storage_cannot_be_written(client, settings, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the media folder should be")
    settings.MEDIA_ROOT = blocker / "media"
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["storage"] == "down"
    assert response.json()["status"] == "down"


def test_a_search_cluster_down_only_degrades_the_site_and_names_no_address(
    client, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = f"http://admin:motdepasse@127.0.0.1:{free_port()}"
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["search"] == "degraded"
    assert response.json()["status"] == "degraded"
    body = response.content.decode()
    for secret in ("127.0.0.1", "motdepasse", settings.SECRET_KEY):
        assert secret not in body


def test_healthz_reports_the_real_search_node_as_ok(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = node_or_skip()
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["search"] == "ok"
    assert response.json()["search_engine"] == "opensearch"
