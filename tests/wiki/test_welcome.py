"""The welcome page for newcomers, and the first login that lands on it."""

from datetime import date
from types import SimpleNamespace

import pytest
from wagtail import hooks

from tests.factories import make_user, publish_practice
from wiki.models import GlossaryTerm
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, STAGES
from wiki.welcome import NEXT_MEETING_HOOK

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-de-test"
WAYS = (
    "Présenter une pratique",
    "La confronter aux questions et aux regards critiques",
    "La formaliser",
    "La valoriser",
)


def test_the_welcome_page_lists_the_four_ways_to_take_part_with_their_links(client):
    html = client.get("/bienvenue/").content.decode()

    for way in WAYS:
        assert way in html
    assert 'href="/partager-une-experience/"' in html
    assert 'href="/guide/"' in html


def test_members_are_pointed_to_the_drafts_and_visitors_are_not(client_for):
    assert (
        "/pratiques/brouillons/"
        in client_for(ROLE_CENTRES_SOCIAUX).get("/bienvenue/").content.decode()
    )
    assert "/pratiques/brouillons/" not in client_for(None).get("/bienvenue/").content.decode()


def test_the_welcome_page_proposes_three_practices_per_stage(client):
    for slug, _title, _meaning in STAGES:
        for number in range(4):
            publish_practice(
                title=f"Étape {slug} pratique {number}", slug=f"{slug}-{number}", stage=slug
            )

    html = client.get("/bienvenue/").content.decode()

    for slug, title, _meaning in STAGES:
        assert title in html
        shown = [number for number in range(4) if f"Étape {slug} pratique {number}<" in html]
        assert len(shown) == 3


def test_the_welcome_page_explains_six_glossary_terms(client):
    for term, expansion in (
        ("REP", "Réseau d'éducation prioritaire"),
        ("CLAS", "Contrat local d'accompagnement à la scolarité"),
    ):
        GlossaryTerm.objects.create(
            term=term, expansion=expansion, definition="<p>…</p>", side="en"
        )
    for number in range(8):
        GlossaryTerm.objects.create(
            term=f"Terme {number}", expansion=f"Sens {number}", definition="<p>…</p>", side="commun"
        )

    html = client.get("/bienvenue/").content.decode()

    assert "Réseau d&#x27;éducation prioritaire" in html
    assert "Contrat local d&#x27;accompagnement à la scolarité" in html
    assert html.count('class="first-terms__item"') == 6
    assert 'href="/glossaire/"' in html


def login(client, username):
    return client.post("/admin/login/", {"username": username, "password": PASSWORD})


@pytest.fixture
def new_member(db):
    return make_user("nouvelle", ROLE_CENTRES_SOCIAUX, password=PASSWORD)


def test_a_first_login_lands_on_the_welcome_page(client, new_member):
    response = login(client, "nouvelle")

    assert response.status_code == 302
    assert response["Location"].startswith("/bienvenue/")
    assert "Bienvenue dans Passerelles" in client.get(response["Location"]).content.decode()


def test_a_first_login_keeps_where_the_person_was_going(client, new_member):
    response = client.post(
        "/admin/login/?next=/pratiques/",
        {"username": "nouvelle", "password": PASSWORD, "next": "/pratiques/"},
    )

    assert response["Location"] == "/bienvenue/?suite=%2Fpratiques%2F"
    html = client.get(response["Location"]).content.decode()
    assert 'href="/pratiques/">Continuer vers la page demandée' in html


def test_a_second_login_goes_where_it_usually_goes(client, new_member):
    login(client, "nouvelle")
    client.logout()

    response = login(client, "nouvelle")

    assert response.status_code == 302
    assert not response["Location"].startswith("/bienvenue/")


def test_the_main_navigation_has_the_welcome_page(client):
    assert '<a href="/bienvenue/"' in client.get("/pratiques/").content.decode()


def test_the_next_meeting_given_by_the_meetings_hook_is_shown(client):
    meeting = SimpleNamespace(
        title="Rencontre de printemps", url="/rencontres/printemps/", when=date(2026, 4, 2)
    )

    with hooks.register_temporarily(NEXT_MEETING_HOOK, lambda request: meeting):
        html = client.get("/bienvenue/").content.decode()

    assert '<a href="/rencontres/printemps/">Rencontre de printemps</a>' in html
    assert "jeudi 2 avril 2026" in html


def test_without_a_next_meeting_the_page_says_nothing_about_it(client):
    assert "La prochaine rencontre" not in client.get("/bienvenue/").content.decode()
