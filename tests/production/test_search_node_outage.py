"""A real search node dies mid-run: pages keep serving, practices keep being saved and
published, search answers from the database and says so, /healthz says "degraded"; once the
node is back, `search_index sync` catches up every update it missed."""

import io
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse

from search import service
from search.base import SearchQuery
from search.models import MissedUpdate
from tests.factories import practice_index, publish_practice
from tests.production.search_node import DedicatedSearchNode, java_and_maven_or_skip
from tests.wiki.admin_forms import practice_form_data
from wiki.models import PracticePage
from wiki.vocabulary import ROLE_COORDINATION

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture
def search_node():
    java_and_maven_or_skip()
    node = DedicatedSearchNode()
    try:
        yield node
    finally:
        node.destroy()


@pytest.fixture
def on_the_node(settings, search_node):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = search_node.start()
    settings.SEARCH_INDEX = f"passerelles-outage-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_TIMEOUT = 2.0
    return search_node


def found(client, text: str) -> dict:
    return client.get("/api/search/", {"q": text}).json()


def slugs(results) -> list[str]:
    return [hit.slug for hit in results.hits]


def test_a_dead_search_node_loses_no_update(
    client_for, on_the_node, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        kermesse = publish_practice(title="Une kermesse d'école", slug="kermesse")
        leaving = publish_practice(title="Une fiche bientôt retirée", slug="retiree")
    client = client_for(ROLE_COORDINATION)
    assert found(client, "kermesse")["engine"] == "opensearch"

    on_the_node.crash()

    assert client.get(kermesse.url).status_code == 200
    add_url = reverse("wagtailadmin_pages:add", args=("wiki", "practicepage", practice_index().pk))
    form = practice_form_data(
        title="Un café des parents", slug="cafe", **{"action-publish": "action-publish"}
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(add_url, form).status_code == 302  # saved and published
        publish_practice(title="Une kermesse de quartier", slug="kermesse")
        leaving.unpublish()
    cafe = PracticePage.objects.get(slug="cafe")
    assert cafe.live
    assert sorted(set(MissedUpdate.objects.values_list("action", "page_id"))) == sorted(
        [("index", kermesse.pk), ("index", cafe.pk), ("delete", leaving.pk)]
    ), list(MissedUpdate.objects.values_list("action", "page_id", "reason"))
    answer = found(client, "café des parents")
    assert (answer["engine"], answer["degraded"]) == ("database", True)
    assert [result["slug"] for result in answer["results"]] == ["cafe"]
    assert "moins précis" in client.get("/recherche/", {"q": "café"}).content.decode()
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.json()["search"] == "degraded"

    on_the_node.start()  # back, on the same port, with the index as the crash left it
    out = io.StringIO()
    call_command("search_index", "sync", stdout=out)

    try:
        assert MissedUpdate.objects.count() == 0
        assert "mise(s) à jour rattrapée(s)" in out.getvalue()
        remote = service.remote_engine()
        assert remote.indexed_ids() == {kermesse.pk, cafe.pk}
        on_node = service.search(SearchQuery(text="café des parents"))
        assert (on_node.engine, on_node.degraded) == ("opensearch", False)
        assert slugs(on_node) == ["cafe"]
        assert slugs(service.search(SearchQuery(text="quartier"))) == ["kermesse"]
        assert slugs(service.search(SearchQuery(text="retirée"))) == []
        assert client.get("/healthz").json()["status"] == "ok"
    finally:
        service.remote_engine().drop_index()
