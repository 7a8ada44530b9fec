"""Sign-in to the admin over HTTP: repeated wrong passwords lock the sign-in for a while."""

from datetime import timedelta

import pytest
from django.db.models import F

from tests.factories import make_user
from wiki.security.login_throttle import (
    LOCK_MINUTES,
    MAX_FAILURES_PER_ADDRESS,
    MAX_FAILURES_PER_USERNAME,
)
from wiki.security.models import FailedLogin
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db

PASSWORD = "un-vrai-mot-de-passe"
LOGIN_URL = "/admin/login/"
LOCKED = "Trop de tentatives de connexion ont échoué"


@pytest.fixture
def samir():
    return make_user("samir", ROLE_CENTRES_SOCIAUX, password=PASSWORD)


def sign_in(client, username, password, address="192.0.2.1"):
    return client.post(LOGIN_URL, {"username": username, "password": password}, REMOTE_ADDR=address)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, address="192.0.2.1"):
    for _ in range(times):
        response = sign_in(client, username, "pas-le-bon", address)
        assert response.status_code == 200
        assert not signed_in(client)


def let_time_pass(minutes: int) -> None:
    FailedLogin.objects.update(created_at=F("created_at") - timedelta(minutes=minutes))


def test_the_right_password_signs_in(client, samir):
    assert sign_in(client, "samir", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_sixth_attempt_is_refused_even_with_the_right_password(client, samir):
    fail(client, "samir", MAX_FAILURES_PER_USERNAME)
    response = sign_in(client, "samir", PASSWORD)
    assert response.status_code == 200
    assert not signed_in(client)
    html = response.content.decode()
    assert LOCKED in html
    assert f"pendant encore {LOCK_MINUTES} minutes" in html


def test_a_wrong_password_before_the_limit_says_only_that_it_is_wrong(client, samir):
    fail(client, "samir", MAX_FAILURES_PER_USERNAME - 2)
    response = sign_in(client, "samir", "encore-faux")
    assert "ne correspondent à aucun utilisateur" in response.content.decode()
    assert LOCKED not in response.content.decode()
    assert sign_in(client, "samir", PASSWORD).status_code == 302


def test_after_the_lock_period_the_right_password_works_again(client, samir):
    fail(client, "samir", MAX_FAILURES_PER_USERNAME)
    let_time_pass(LOCK_MINUTES - 1)
    assert LOCKED in sign_in(client, "samir", PASSWORD).content.decode()
    let_time_pass(2)
    assert sign_in(client, "samir", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_username_is_locked_from_every_address(client, samir):
    fail(client, "samir", MAX_FAILURES_PER_USERNAME, address="192.0.2.1")
    response = sign_in(client, "Samir", PASSWORD, address="198.51.100.7")
    assert LOCKED in response.content.decode()
    assert not signed_in(client)


def test_one_address_guessing_many_usernames_is_locked_too(client, samir):
    for number in range(MAX_FAILURES_PER_ADDRESS):
        fail(client, f"inconnu{number}", 1, address="203.0.113.9")
    assert LOCKED in sign_in(client, "samir", PASSWORD, address="203.0.113.9").content.decode()
    # Someone else, elsewhere, is not concerned.
    assert sign_in(client, "samir", PASSWORD, address="192.0.2.1").status_code == 302


def test_a_colleague_sharing_the_address_is_not_locked_by_one_persons_mistakes(client, samir):
    make_user("awa", ROLE_CENTRES_SOCIAUX, password=PASSWORD)
    fail(client, "samir", MAX_FAILURES_PER_USERNAME)
    assert sign_in(client, "awa", PASSWORD).status_code == 302


def test_a_successful_sign_in_clears_the_count(client, samir):
    fail(client, "samir", MAX_FAILURES_PER_USERNAME - 1)
    assert sign_in(client, "samir", PASSWORD).status_code == 302
    client.logout()
    fail(client, "samir", MAX_FAILURES_PER_USERNAME - 1)
    assert sign_in(client, "samir", PASSWORD).status_code == 302


def test_the_database_keeps_only_a_hash_of_the_address(client, samir):
    fail(client, "samir", 1, address="192.0.2.1")
    row = FailedLogin.objects.get()
    assert row.username == "samir"
    assert "192.0.2.1" not in row.address_hash and len(row.address_hash) == 64


def test_wagtails_other_sign_in_page_only_leads_to_the_throttled_one(client, samir):
    response = client.post(
        "/_util/login/?next=/pratiques/", {"username": "samir", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/pratiques/"
    assert not signed_in(client)


def test_the_sign_in_page_speaks_french(client):
    html = client.get(LOGIN_URL).content.decode()
    assert "Mot de passe" in html
    assert "Password" not in html
