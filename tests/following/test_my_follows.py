"""/mes-suivis/: what one follows, and the rhythm of the digests."""

import pytest

from tests.factories import publish_practice
from wiki.following.follows import follow
from wiki.following.models import DigestPreference, Rhythm
from wiki.models import Theme
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db


def test_anonymous_visitors_are_asked_to_log_in(client):
    response = client.get("/mes-suivis/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/mes-suivis/")


def test_the_page_lists_what_one_follows(client_for, role_users):
    member = role_users[ROLE_CENTRES_SOCIAUX]
    follow(member, publish_practice(title="Un café des parents", slug="cafe"))
    follow(member, Theme.objects.get(slug="communiquer"))
    publish_practice(title="Une fiche non suivie", slug="autre")
    html = client_for(ROLE_CENTRES_SOCIAUX).get("/mes-suivis/").content.decode()
    assert "Un café des parents" in html
    assert Theme.objects.get(slug="communiquer").title in html
    assert "Une fiche non suivie" not in html
    assert "Ne plus suivre" in html


def test_the_rhythm_is_chosen_and_kept(client_for, role_users):
    client = client_for(ROLE_CENTRES_SOCIAUX)
    html = client.get("/mes-suivis/").content.decode()
    assert "La veille de chaque rencontre" in html
    response = client.post("/mes-suivis/", {"rhythm": Rhythm.BEFORE_MEETING})
    assert response.status_code == 302
    assert "Votre choix est enregistré." in client.get(response["Location"]).content.decode()
    preference = DigestPreference.objects.get(user=role_users[ROLE_CENTRES_SOCIAUX])
    assert preference.rhythm == Rhythm.BEFORE_MEETING
