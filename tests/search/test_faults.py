"""When the search engine is down or slow: pages and the API still answer from the database
engine and say so, saving never fails, and `search_index sync` catches up what was missed."""

import io
import uuid

import pytest
from django.core.management import call_command

from search.base import SearchQuery
from search.models import MissedUpdate
from tests.factories import publish_practice
from tests.production.processes import free_port
from tests.search.conftest import node_or_skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def engine_down(settings):
    settings.SEARCH_ENGINE = "opensearch"
    # A loopback port nobody listens on: connections are refused at once.
    settings.SEARCH_URL = f"http://127.0.0.1:{free_port()}"
    settings.SEARCH_INDEX = f"passerelles-test-{uuid.uuid4().hex[:8]}"
    return settings


def test_when_the_engine_is_down_search_answers_from_the_database(
    client, engine_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_practice(title="Une kermesse d'école", slug="kermesse")
    data = client.get("/api/search/", {"q": "kermesse"}).json()
    assert data["engine"] == "database"
    assert data["degraded"] is True
    assert "moins précis" in data["notice"]
    assert [result["slug"] for result in data["results"]] == ["kermesse"]
    page = client.get("/recherche/", {"q": "kermesse"}).content.decode()
    assert "peuvent être moins précis" in page


def test_saving_never_fails_when_the_engine_is_down_and_the_miss_is_recorded(
    engine_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_practice(title="Une kermesse", slug="kermesse")
    assert page.live
    assert list(MissedUpdate.objects.values_list("action", "page_id")) == [("index", page.pk)]


def test_sync_catches_up_what_a_real_node_missed(
    settings, engine_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish_practice(title="Une kermesse", slug="kermesse")
        publish_practice(title="Un café des parents", slug="cafe")
    assert MissedUpdate.objects.count() == 2

    settings.SEARCH_URL = node_or_skip()  # the node is back
    from search import service

    out = io.StringIO()
    call_command("search_index", "sync", stdout=out)
    try:
        assert MissedUpdate.objects.count() == 0
        remote = service.remote_engine()
        assert len(remote.indexed_ids()) == 2
        results = service.search(SearchQuery(text="kermesse"))
        assert results.engine == "opensearch" and not results.degraded
        assert [hit.slug for hit in results.hits] == ["kermesse"]
    finally:
        service.remote_engine().drop_index()


def test_a_node_slower_than_the_timeout_falls_back(
    settings, client, django_capture_on_commit_callbacks
):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = node_or_skip()
    settings.SEARCH_INDEX = f"passerelles-test-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT = 0.0005  # no real node answers a search in half a millisecond
    with django_capture_on_commit_callbacks(execute=True):
        publish_practice(title="Une kermesse", slug="kermesse")
    try:
        data = client.get("/api/search/", {"q": "kermesse"}).json()
        assert data["degraded"] is True
        assert data["total"] == 1
    finally:
        settings.SEARCH_TIMEOUT = 10.0
        from search import service

        service.remote_engine().drop_index()
