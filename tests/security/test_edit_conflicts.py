"""Two people editing the same practice in the admin, over HTTP: the second save, made from a
form loaded before the first, is refused with a French message and nothing typed is lost."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import make_draft, make_user, publish_practice
from tests.wiki.admin_forms import practice_form_data
from wiki.models import PracticePage
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db

CONFLICT = "a enregistré une version plus récente de cette page"
HIDDEN = r'name="{}" value="([^"]*)"'


class Editor:
    """One person's browser tab on the practice's edit page."""

    def __init__(self, user, page):
        self.client = Client()
        self.client.force_login(user)
        self.url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
        self.loaded: dict[str, str] = {}
        self.open()

    def open(self, html: str | None = None) -> None:
        html = html or self.client.get(self.url).content.decode()
        for name in ("loaded_revision_id", "loaded_revision_created_at"):
            self.loaded[name] = re.search(HIDDEN.format(name), html).group(1)

    def save(self, summary: str, **extra):
        data = practice_form_data(
            title="Café des parents", slug="cafe-des-parents", summary=summary, **extra
        )
        return self.client.post(self.url, {**data, **self.loaded})


@pytest.fixture
def people():
    return (
        make_user("alice", ROLE_CENTRES_SOCIAUX, first_name="Alice", last_name="Martin"),
        make_user("bruno", ROLE_COORDINATION, first_name="Bruno", last_name="Petit"),
    )


@pytest.fixture
def draft(people):
    return make_draft(user=people[0], title="Café des parents", slug="cafe-des-parents")


def latest(page) -> PracticePage:
    return PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_the_second_save_from_an_older_form_is_refused_and_keeps_what_was_typed(people, draft):
    alice, bruno = Editor(people[0], draft), Editor(people[1], draft)
    assert alice.save("La version d'Alice.").status_code == 302
    response = bruno.save("La version de Bruno.")
    assert response.status_code == 200
    html = response.content.decode()
    assert f"Alice Martin {CONFLICT}" in html
    assert "La version de Bruno." in html  # still in the form, nothing typed is lost
    assert latest(draft).summary == "La version d'Alice."


def test_saving_again_after_the_warning_is_the_confirmation(people, draft):
    alice, bruno = Editor(people[0], draft), Editor(people[1], draft)
    alice.save("La version d'Alice.")
    refused = bruno.save("La version de Bruno.")
    bruno.open(refused.content.decode())  # the form shown again carries the newest revision
    assert bruno.save("La version de Bruno.").status_code == 302
    assert latest(draft).summary == "La version de Bruno."
    # Alice's version is not lost: it stays in the page's history.
    summaries = [revision.as_object().summary for revision in draft.revisions.all()]
    assert "La version d'Alice." in summaries


def test_confirming_in_wagtails_dialog_lets_the_save_through(people, draft):
    alice, bruno = Editor(people[0], draft), Editor(people[1], draft)
    alice.save("La version d'Alice.")
    assert bruno.save("La version de Bruno.", overwrite_confirmed="1").status_code == 302
    assert latest(draft).summary == "La version de Bruno."


def test_publishing_from_an_older_form_is_refused_too(people):
    page = publish_practice(title="Café des parents", slug="cafe-des-parents")
    alice, bruno = Editor(people[0], page), Editor(people[1], page)
    alice.save("Un brouillon d'Alice sur la fiche en ligne.")
    response = bruno.save("La version de Bruno.", **{"action-publish": "publish"})
    assert CONFLICT in response.content.decode()
    live = PracticePage.objects.get(pk=page.pk)
    assert live.summary == "Une pratique pour que l'école et le centre social travaillent ensemble."
    assert latest(page).summary == "Un brouillon d'Alice sur la fiche en ligne."


def test_ones_own_newer_version_does_not_block(people, draft):
    first_tab, second_tab = Editor(people[0], draft), Editor(people[0], draft)
    first_tab.save("Depuis le premier onglet.")
    assert second_tab.save("Depuis le second onglet.").status_code == 302


def test_forms_loaded_after_the_last_save_go_through(people, draft):
    alice = Editor(people[0], draft)
    alice.save("La version d'Alice.")
    bruno = Editor(people[1], draft)
    assert bruno.save("La version de Bruno.").status_code == 302
    assert latest(draft).summary == "La version de Bruno."
