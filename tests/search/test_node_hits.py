"""On the site's search node, hits are described (highlights, the matching difficulty) from the
database index's stored documents, and from the node's own when the database index lacks one."""

import uuid

import pytest

from search import service
from search.base import SearchQuery
from search.models import SearchEntry
from tests.factories import publish_practice
from tests.search.conftest import node_or_skip
from wiki.exchange.data import Difficulty

pytestmark = pytest.mark.django_db


@pytest.fixture
def node(settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_URL = node_or_skip()
    settings.SEARCH_INDEX = f"passerelles-test-{uuid.uuid4().hex[:8]}"
    yield service.remote_engine()
    service.remote_engine().drop_index()


def angry_mother_practice(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return publish_practice(
            slug="colere",
            title="Apaiser une rencontre tendue",
            difficulties=[Difficulty("Une maman en colère", "<p>Une rencontre au centre.</p>")],
        )


def test_node_hits_carry_highlights_and_the_difficulty(node, django_capture_on_commit_callbacks):
    angry_mother_practice(django_capture_on_commit_callbacks)
    results = service.search(SearchQuery(text="maman en colère"))
    assert results.engine == "opensearch" and not results.degraded
    [hit] = results.hits
    assert hit.difficulty is not None and hit.difficulty.question == "Une maman en colère"
    assert any("<mark>colère</mark>" in highlight.text for highlight in hit.highlights)


def test_a_hit_the_database_index_lacks_is_described_from_the_node(
    node, django_capture_on_commit_callbacks
):
    angry_mother_practice(django_capture_on_commit_callbacks)
    SearchEntry.objects.all().delete()  # the database index out of step
    [hit] = service.search(SearchQuery(text="maman en colère")).hits
    assert hit.slug == "colere"
    assert hit.difficulty is not None and hit.difficulty.question == "Une maman en colère"
