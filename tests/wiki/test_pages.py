"""What visitors and members read: the lists, a practice, its history, themes, glossary."""

import re

import pytest
from django.urls import reverse

from tests.factories import make_user, publish_practice
from wiki.models import GlossaryTerm, PracticePage
from wiki.vocabulary import BODY_SECTIONS, ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db


@pytest.fixture
def rep():
    return GlossaryTerm.objects.create(
        term="REP",
        expansion="Réseau d'éducation prioritaire",
        definition="<p>Des écoles et un collège qui reçoivent plus de moyens.</p>",
        side="en",
    )


def test_a_practice_page_shows_every_section_with_its_french_label(client):
    publish_practice(slug="complete")
    html = client.get("/pratiques/complete/").content.decode()
    for section in BODY_SECTIONS:
        assert section.label in html.replace("&#x27;", "'")
    assert "La fiche d&#x27;identité" in html or "La fiche d'identité" in html


def test_each_difficulty_has_its_own_anchor(client):
    from wiki.exchange.data import Difficulty

    publish_practice(
        slug="ancres",
        difficulties=[
            Difficulty("Les enseignants ne répondent pas", "<p>Passer par la direction.</p>"),
            Difficulty("Une maman en colère", "<p>Une médiation.</p>"),
        ],
    )
    html = client.get("/pratiques/ancres/").content.decode()
    assert 'id="difficulte-les-enseignants-ne-repondent-pas"' in html
    assert 'id="difficulte-une-maman-en-colere"' in html


def test_the_first_occurrence_of_a_term_in_each_section_is_a_tooltip(client, rep):
    publish_practice(
        slug="rep",
        context="<p>Le REP du quartier. Encore le REP.</p>",
        objectives="<p>Travailler avec le REP, pas avec le repas.</p>",
    )
    html = client.get("/pratiques/rep/").content.decode()
    tooltips = re.findall(r'<a class="gloss__term" href="/glossaire/#terme-rep"[^>]*>REP</a>', html)
    assert len(tooltips) == 2  # once in "Le point de départ", once in "Objectifs"
    assert 'role="tooltip"' in html
    assert "Réseau d&#x27;éducation prioritaire" in html
    assert ">repas<" not in html  # a term is matched as a word, acronyms as written


def test_a_tooltip_term_leads_to_its_glossary_entry(client, rep):
    html = client.get("/glossaire/").content.decode()
    assert 'id="terme-rep"' in html
    assert "Des écoles et un collège" in html


def test_the_practice_list_filters_combine_in_the_url(client):
    publish_practice(title="Alpha", slug="alpha", themes=["communiquer"], stage="premier-contact")
    publish_practice(
        title="Beta", slug="beta", themes=["communiquer"], stage="partenariat-installe"
    )
    publish_practice(title="Gamma", slug="gamma", themes=["parents-ecole"], stage="premier-contact")

    def titles(query: str) -> list[str]:
        response = client.get(f"/pratiques/{query}")
        return [practice.title for practice in response.context["practices"]]

    assert titles("") == ["Alpha", "Beta", "Gamma"]
    assert titles("?theme=communiquer") == ["Alpha", "Beta"]
    assert titles("?theme=communiquer&stage=premier-contact") == ["Alpha"]
    assert titles("?theme=communiquer&theme=parents-ecole&stage=premier-contact") == [
        "Alpha",
        "Gamma",
    ]
    assert titles("?level=lycee") == []


def test_an_unknown_filter_is_ignored_and_said(client):
    publish_practice(title="Alpha", slug="alpha")
    response = client.get("/pratiques/?theme=n-existe-pas&page=abc")
    assert response.status_code == 200
    assert "Filtre inconnu ignoré : n-existe-pas" in response.content.decode()


def test_a_theme_page_shows_its_introduction_and_practices_by_stage(client):
    publish_practice(title="Alpha", slug="alpha", themes=["communiquer"])
    html = client.get("/themes/communiquer/").content.decode()
    assert "Communiquer et se comprendre" in html
    assert "Alpha" in html
    assert "Premier contact" in html
    assert client.get("/themes/inconnu/").status_code == 404


def test_the_history_shows_dates_to_visitors_and_names_to_members(client):
    author = make_user("ecrivaine", ROLE_CENTRES_SOCIAUX, first_name="Aïcha", last_name="Ben")
    publish_practice(user=author, slug="histoire")
    public = client.get("/pratiques/histoire/historique/").content.decode()
    assert "Publication" in public
    assert "Aïcha" not in public
    months = (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    )
    assert any(month in public for month in months)

    client.force_login(author)
    member = client.get("/pratiques/histoire/historique/").content.decode()
    assert "Aïcha Ben" in member


def test_editors_can_compare_two_revisions_in_the_admin(client):
    editor = make_user("editrice", ROLE_CENTRES_SOCIAUX)
    page = publish_practice(slug="comparer")
    first = page.latest_revision
    page.summary = "Un nouveau résumé."
    second = page.save_revision(user=editor)
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:revisions_compare", args=(page.pk, first.pk, second.pk))
    response = client.get(url)
    assert response.status_code == 200
    assert "Un nouveau résumé." in response.content.decode()


def test_the_admin_speaks_french(client):
    client.force_login(make_user("lectrice", ROLE_CENTRES_SOCIAUX))
    html = client.get("/admin/").content.decode()
    assert 'lang="fr"' in html
    assert "Pages" in html and "Tableau de bord" in html


def test_private_practices_are_hidden_from_visitors(client):
    from wagtail.models import PageViewRestriction

    page = publish_practice(title="Réservée", slug="reservee")
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    assert "Réservée" not in client.get("/pratiques/").content.decode()
    assert client.get("/pratiques/reservee/").status_code == 302
    assert PracticePage.objects.live().count() == 1
