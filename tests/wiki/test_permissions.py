"""The permission matrix of the roles, over HTTP: view a draft, edit, publish, delete."""

import pytest
from django.urls import reverse

from tests.factories import make_draft, practice_index, publish_practice
from tests.wiki.admin_forms import practice_form_data
from wiki.models import PracticePage
from wiki.vocabulary import (
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

pytestmark = pytest.mark.django_db

ANONYMOUS = None
EVERY_ROLE = [
    ROLE_COORDINATION,
    ROLE_CENTRES_SOCIAUX,
    ROLE_EDUCATION_NATIONALE,
    ROLE_ACTEURS,
    ANONYMOUS,
]

# role: (view a draft, edit another's practice, publish, delete)
MATRIX = {
    ROLE_COORDINATION: (True, True, True, True),
    ROLE_CENTRES_SOCIAUX: (True, True, False, False),
    ROLE_EDUCATION_NATIONALE: (True, False, False, False),
    ROLE_ACTEURS: (True, False, False, False),
    ANONYMOUS: (False, False, False, False),
}


@pytest.fixture
def draft(role_users):
    return make_draft(
        user=role_users[ROLE_COORDINATION], title="Brouillon secret", slug="brouillon-secret"
    )


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_viewing_a_draft(role, client_for, draft):
    client = client_for(role)
    response = client.get(f"/pratiques/brouillons/{draft.pk}/")
    if MATRIX[role][0]:
        assert response.status_code == 200
        assert "Brouillon secret" in response.content.decode()
    else:
        assert response.status_code == 302
        assert "/admin/login/" in response["Location"]
    # The public address of a page never shows a draft, whoever asks.
    assert client.get("/pratiques/brouillon-secret/").status_code == 404


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_editing_someone_elses_practice(role, client_for, draft):
    response = client_for(role).get(reverse("wagtailadmin_pages:edit", args=(draft.pk,)))
    if MATRIX[role][1]:
        assert response.status_code == 200
    else:
        assert response.status_code in (302, 403)


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_publishing(role, client_for, draft):
    client = client_for(role)
    client.post(
        reverse("wagtailadmin_pages:edit", args=(draft.pk,)),
        practice_form_data(
            title="Brouillon secret", slug="brouillon-secret", **{"action-publish": "publish"}
        ),
    )
    assert PracticePage.objects.get(pk=draft.pk).live is MATRIX[role][2]


@pytest.mark.parametrize("role", EVERY_ROLE)
def test_deleting(role, client_for, role_users):
    practice = publish_practice(slug="a-supprimer")
    client_for(role).post(reverse("wagtailadmin_pages:delete", args=(practice.pk,)))
    assert PracticePage.objects.filter(pk=practice.pk).exists() is not MATRIX[role][3]


@pytest.mark.parametrize(
    "role", [ROLE_COORDINATION, ROLE_CENTRES_SOCIAUX, ROLE_EDUCATION_NATIONALE]
)
def test_contributors_can_propose_a_practice(role, client_for):
    client = client_for(role)
    url = reverse("wagtailadmin_pages:add", args=("wiki", "practicepage", practice_index().pk))
    response = client.post(url, practice_form_data(slug="proposee"))
    assert response.status_code == 302
    assert not PracticePage.objects.get(slug="proposee").live


@pytest.mark.parametrize("role", [ROLE_ACTEURS, ANONYMOUS])
def test_readers_cannot_write_a_practice(role, client_for):
    client = client_for(role)
    url = reverse("wagtailadmin_pages:add", args=("wiki", "practicepage", practice_index().pk))
    client.post(url, practice_form_data(slug="proposee"))
    assert not PracticePage.objects.filter(slug="proposee").exists()


def test_anonymous_visitors_see_only_live_practices(client_for, draft):
    publish_practice(title="Une fiche publiée", slug="publiee")
    listing = client_for(ANONYMOUS).get("/pratiques/").content.decode()
    assert "Une fiche publiée" in listing
    assert "Brouillon secret" not in listing
    assert client_for(ANONYMOUS).get("/pratiques/brouillons/").status_code == 302
