"""Every form that changes something refuses a POST without its CSRF token (403), as a form
forged on another site would send it, and nothing changes in the database."""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Comment
from wagtail.test.utils.form_data import rich_text

from tests.factories import make_draft, make_user, publish_practice
from tests.guide.editions import make_edition
from tests.wiki.admin_forms import practice_form_data
from wiki.guide.models import GuideEdition
from wiki.models import GlossaryTerm, PracticePage
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db

PASSWORD = "un-mot-de-passe-de-test"


@pytest.fixture
def world():
    coordinator = make_user("camille", ROLE_COORDINATION, password=PASSWORD)
    live = publish_practice(title="Fiche en ligne", slug="fiche-en-ligne")
    return {
        "coordinator": coordinator,
        "member": make_user("samir", ROLE_CENTRES_SOCIAUX),
        "draft": make_draft(title="Brouillon", slug="brouillon"),
        "live": live,
        "term": GlossaryTerm.objects.create(
            term="REP", expansion="Réseau", definition="<p>x</p>", side="en"
        ),
        "edition": make_edition([("parents-ecole", [live])]),
    }


def contribution(world):
    return "/partager-une-experience/", {
        "title": "Un goûter partagé",
        "summary": "Un goûter chaque vendredi avec les familles.",
        "context": "Les familles ne venaient pas.",
        "contributor_name": "Awa",
        "contributor_email": "awa@example.org",
    }


def login(world):
    return reverse("wagtailadmin_login"), {"username": "camille", "password": PASSWORD}


def page_edit(world):
    return reverse("wagtailadmin_pages:edit", args=(world["draft"].pk,)), practice_form_data(
        title="Brouillon", slug="brouillon", summary="Changé par un site tiers."
    )


def page_publish(world):
    url, data = page_edit(world)
    return url, {**data, "action-publish": "publish"}


def page_delete(world):
    return reverse("wagtailadmin_pages:delete", args=(world["live"].pk,)), {}


def page_unpublish(world):
    return reverse("wagtailadmin_pages:unpublish", args=(world["live"].pk,)), {}


def glossary_edit(world):
    return reverse("wagtailsnippets_wiki_glossaryterm:edit", args=(world["term"].pk,)), {
        "term": "REP",
        "expansion": "Changé par un site tiers",
        "definition": rich_text("<p>Un réseau.</p>"),
        "side": "en",
        "synonyms": "",
    }


def glossary_delete(world):
    return reverse("wagtailsnippets_wiki_glossaryterm:delete", args=(world["term"].pk,)), {}


def guide_publish(world):
    return reverse("guide_editions:publish", args=(world["edition"].pk,)), {}


def user_create(world):
    return reverse("wagtailusers_users:add"), {
        "username": "intrus",
        "email": "intrus@example.org",
        "first_name": "In",
        "last_name": "Trus",
        "password1": "un-mot-de-passe-assez-long-2026",
        "password2": "un-mot-de-passe-assez-long-2026",
    }


def nothing_changed(world) -> bool:
    draft = PracticePage.objects.get(pk=world["draft"].pk)
    live = PracticePage.objects.filter(pk=world["live"].pk).first()
    term = GlossaryTerm.objects.filter(pk=world["term"].pk).first()
    return (
        draft.get_latest_revision_as_object().summary != "Changé par un site tiers."
        and not draft.live
        and live is not None
        and live.live
        and term is not None
        and term.expansion == "Réseau"
        and not GuideEdition.objects.get(pk=world["edition"].pk).is_published
        and not PracticePage.objects.filter(title="Un goûter partagé").exists()
        and not type(world["coordinator"]).objects.filter(username="intrus").exists()
        and not Comment.objects.exists()
    )


# (form, who posts it: None for a visitor, else the logged-in user's key)
FORMS = [
    (contribution, None),
    (login, None),
    (page_edit, "coordinator"),
    (page_publish, "coordinator"),
    (page_delete, "coordinator"),
    (page_unpublish, "coordinator"),
    (glossary_edit, "coordinator"),
    (glossary_delete, "coordinator"),
    (guide_publish, "coordinator"),
    (user_create, "coordinator"),
]


def forging_client(world, who) -> Client:
    client = Client(enforce_csrf_checks=True)
    if who:
        client.force_login(world[who])
    return client


@pytest.mark.parametrize(("form", "who"), FORMS, ids=[form.__name__ for form, _who in FORMS])
def test_a_post_without_the_token_is_refused(form, who, world):
    client = forging_client(world, who)
    url, data = form(world)
    response = client.post(url, data)
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert nothing_changed(world)
    if who is None:
        assert "_auth_user_id" not in client.session


def test_the_same_post_with_the_token_is_accepted(world):
    """The refusals above come from the missing token, not from the form."""
    client = forging_client(world, "coordinator")
    url, data = glossary_edit(world)
    token = client.get(url).cookies["csrftoken"].value
    response = client.post(url, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert GlossaryTerm.objects.get(pk=world["term"].pk).expansion == "Changé par un site tiers"


def test_following_a_practice_needs_the_token(world):
    url = reverse("following:follow_practice", args=(world["live"].pk,))
    response = forging_client(world, "member").post(url, {})
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
