"""Members compare two versions of a practice from its history, section by section."""

from dataclasses import replace

import pytest

from tests.factories import publish_practice
from wiki.exchange.data import Difficulty, Step
from wiki.exchange.pages import fill_page, page_to_data
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_EDUCATION_NATIONALE

pytestmark = pytest.mark.django_db


def practice_edited_once():
    """A published practice and a second revision where a step and a difficulty changed."""
    page = publish_practice(title="Le goûter des familles", slug="le-gouter-des-familles")
    first = page.get_latest_revision()
    data = page_to_data(first.as_object())
    editable = page.get_latest_revision_as_object()
    fill_page(
        editable,
        replace(
            data,
            steps=[Step("Prendre rendez-vous", "<p>Avec la directrice.</p>"), data.steps[1]],
            difficulties=[*data.difficulties, Difficulty("Il pleut", "<p>La salle.</p>")],
        ),
    )
    second = editable.save_revision()
    return page, first, second


def compare_url(page, old=None, new=None) -> str:
    url = page.url + "historique/comparer/"
    if old is not None:
        url += f"?de={old.pk}&a={new.pk}"
    return url


def test_a_member_sees_the_changed_sections_and_their_words(client_for):
    page, first, second = practice_edited_once()

    response = client_for(ROLE_EDUCATION_NATIONALE).get(compare_url(page, first, second))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Les étapes" in html and "1 modifiée" in html
    assert "Difficultés et réponses" in html and "1 ajoutée" in html
    assert "Mémo : à ne pas oublier" not in html.split("<h1")[1].split("compare-form")[0]
    assert "<del>" in html and "<ins>" in html


def test_without_versions_named_the_latest_is_compared_with_the_one_before(client_for):
    page, _first, _second = practice_edited_once()

    response = client_for(ROLE_CENTRES_SOCIAUX).get(compare_url(page))

    assert response.status_code == 200
    assert "1 ajoutée" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    page, first, second = practice_edited_once()

    response = client.get(compare_url(page, first, second))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_a_revision_of_another_practice_is_not_found(client_for):
    page, first, _second = practice_edited_once()
    other = publish_practice()

    response = client_for(ROLE_CENTRES_SOCIAUX).get(
        compare_url(page, first, other.get_latest_revision())
    )

    assert response.status_code == 404


def test_the_same_version_twice_asks_for_two_different_ones(client_for):
    page, first, _second = practice_edited_once()

    response = client_for(ROLE_CENTRES_SOCIAUX).get(compare_url(page, first, first))

    assert response.status_code == 200
    assert "Choisissez deux versions différentes." in response.content.decode()


def test_the_history_page_offers_members_a_form_to_pick_two_versions(client_for):
    page, first, second = practice_edited_once()

    html = client_for(ROLE_CENTRES_SOCIAUX).get(page.url + "historique/").content.decode()

    assert 'action="/pratiques/le-gouter-des-familles/historique/comparer/"' in html
    assert f'<option value="{first.pk}" selected>' in html
    assert f'<option value="{second.pk}" selected>' in html


def test_the_history_page_offers_visitors_no_comparison(client):
    page, _first, _second = practice_edited_once()

    html = client.get(page.url + "historique/").content.decode()

    assert "comparer" not in html
