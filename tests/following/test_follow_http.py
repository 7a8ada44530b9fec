"""Following a practice or a theme over HTTP: a POST form on its page, members only."""

import pytest
from django.urls import reverse

from tests.factories import publish_practice
from wiki.following.models import Follow
from wiki.models import Theme
from wiki.vocabulary import ROLE_ACTEURS, ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice():
    return publish_practice(title="Un café des parents", slug="cafe-des-parents")


def follow_url(practice) -> str:
    return reverse("following:follow_practice", args=(practice.pk,))


def test_an_anonymous_visitor_is_sent_to_log_in_and_back_to_the_practice(client, practice):
    response = client.post(follow_url(practice), {"action": "suivre"})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert "next=/pratiques/cafe-des-parents/" in response["Location"]
    assert not Follow.objects.exists()


def test_anonymous_visitors_see_no_follow_button(client, practice):
    assert (
        "Suivre cette pratique" not in client.get("/pratiques/cafe-des-parents/").content.decode()
    )


def test_a_member_follows_then_unfollows_a_practice(client_for, role_users, practice):
    client = client_for(ROLE_CENTRES_SOCIAUX)
    page = client.get("/pratiques/cafe-des-parents/").content.decode()
    assert "Suivre cette pratique" in page
    assert f'action="{follow_url(practice)}"' in page

    response = client.post(
        follow_url(practice), {"action": "suivre", "next": "/pratiques/cafe-des-parents/"}
    )
    assert response["Location"] == "/pratiques/cafe-des-parents/"
    assert Follow.objects.filter(user=role_users[ROLE_CENTRES_SOCIAUX], practice=practice).exists()
    page = client.get("/pratiques/cafe-des-parents/").content.decode()
    assert "Vous suivez cette pratique" in page
    assert "Ne plus suivre" in page

    client.post(follow_url(practice), {"action": "ne-plus-suivre"})
    assert not Follow.objects.exists()
    assert "Suivre cette pratique" in client.get("/pratiques/cafe-des-parents/").content.decode()


def test_following_twice_keeps_one_follow(client_for, practice):
    client = client_for(ROLE_CENTRES_SOCIAUX)
    client.post(follow_url(practice), {"action": "suivre"})
    client.post(follow_url(practice), {"action": "suivre"})
    assert Follow.objects.count() == 1


def test_a_member_follows_a_theme_from_its_page(client_for, role_users):
    client = client_for(ROLE_ACTEURS)
    assert "Suivre ce thème" in client.get("/themes/communiquer/").content.decode()
    client.post(reverse("following:follow_theme", args=("communiquer",)), {"action": "suivre"})
    follow = Follow.objects.get(user=role_users[ROLE_ACTEURS])
    assert follow.theme == Theme.objects.get(slug="communiquer")
    assert "Vous suivez ce thème" in client.get("/themes/communiquer/").content.decode()


def test_following_needs_a_post(client_for, practice):
    assert client_for(ROLE_CENTRES_SOCIAUX).get(follow_url(practice)).status_code == 405


def test_the_return_address_must_be_on_this_site(client_for, practice):
    response = client_for(ROLE_CENTRES_SOCIAUX).post(
        follow_url(practice), {"action": "suivre", "next": "https://ailleurs.example/"}
    )
    assert response["Location"] == "/pratiques/cafe-des-parents/"
