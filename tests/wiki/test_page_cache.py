"""Anonymous pages come from the shared cache until something visitors see changes; members,
forms and search never do."""

import pytest

from passerelles.page_cache import HIT_HEADER
from tests.factories import publish_practice
from wiki.models import GlossaryTerm
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """The cache is emptied on commit: tests run in a transaction, so run those callbacks."""
    return django_capture_on_commit_callbacks


def cache_state(client, path: str):
    response = client.get(path)
    return response.status_code, response.headers.get(HIT_HEADER)


def test_a_second_anonymous_visit_is_a_hit_and_publishing_refreshes_it(client, committed):
    publish_practice(slug="premiere", title="Une première fiche")
    assert cache_state(client, "/pratiques/") == (200, "miss")
    assert cache_state(client, "/pratiques/") == (200, "hit")
    with committed(execute=True):
        publish_practice(slug="seconde", title="Une seconde fiche")
    response = client.get("/pratiques/")
    assert response.headers.get(HIT_HEADER) == "miss"
    assert "Une seconde fiche" in response.content.decode()


def test_an_unpublished_practice_leaves_the_cache_with_it(client, committed):
    page = publish_practice(slug="retiree")
    assert cache_state(client, "/pratiques/retiree/") == (200, "miss")
    assert cache_state(client, "/pratiques/retiree/") == (200, "hit")
    with committed(execute=True):
        page.unpublish()
    assert client.get("/pratiques/retiree/").status_code == 404


def test_a_deleted_practice_leaves_the_lists_at_once(client, committed):
    page = publish_practice(slug="supprimee", title="Une fiche supprimée")
    client.get("/pratiques/")
    assert "Une fiche supprimée" in client.get("/pratiques/").content.decode()
    with committed(execute=True):
        page.delete()
    assert "Une fiche supprimée" not in client.get("/pratiques/").content.decode()


def test_the_cache_is_emptied_only_once_the_change_is_committed(client, committed):
    publish_practice(slug="premiere")
    client.get("/pratiques/")
    with committed(execute=False) as callbacks:
        publish_practice(slug="seconde", title="Une seconde fiche")
        # Not yet committed: a visitor may still get the page as it was.
        assert cache_state(client, "/pratiques/")[1] == "hit"
    assert callbacks


def test_a_new_glossary_term_shows_at_once(client, committed):
    assert cache_state(client, "/glossaire/")[1] == "miss"
    assert cache_state(client, "/glossaire/")[1] == "hit"
    with committed(execute=True):
        GlossaryTerm.objects.create(
            term="PRE", expansion="Programme de réussite éducative", definition="<p>Un suivi.</p>"
        )
    response = client.get("/glossaire/")
    assert "Programme de réussite éducative" in response.content.decode()


def test_signed_in_members_are_never_served_from_the_cache(client, client_for):
    publish_practice(slug="membres")
    client.get("/pratiques/membres/")
    assert cache_state(client, "/pratiques/membres/")[1] == "hit"
    member = client_for(ROLE_CENTRES_SOCIAUX)
    assert cache_state(member, "/pratiques/membres/") == (200, None)


def test_forms_and_search_are_never_cached(client):
    publish_practice(slug="cherchee", title="Le café des parents")
    for path in ("/partager-une-experience/", "/recherche/?q=café", "/api/search/?q=café"):
        client.cookies.clear()
        client.get(path)
        assert cache_state(client, path)[1] is None, path


def test_a_visitor_with_pending_messages_gets_a_fresh_page(client):
    client.get("/glossaire/")
    assert cache_state(client, "/glossaire/")[1] == "hit"
    client.cookies["messages"] = "anything"
    assert cache_state(client, "/glossaire/")[1] is None
