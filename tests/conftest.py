"""Shared fixtures: one user per role, logged-in clients."""

import pytest

from tests.factories import make_user
from wiki.vocabulary import (
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

ROLE_USERNAMES = {
    ROLE_COORDINATION: "coord",
    ROLE_CENTRES_SOCIAUX: "csx",
    ROLE_EDUCATION_NATIONALE: "en",
    ROLE_ACTEURS: "acteur",
}


@pytest.fixture
def role_users(db):
    return {role: make_user(username, role) for role, username in ROLE_USERNAMES.items()}


@pytest.fixture
def client_for(client, role_users):
    """`client_for(role)`: a client logged in as that role's user (None: anonymous)."""

    def login(role):
        client.logout()
        if role is not None:
            client.force_login(role_users[role])
        return client

    return login


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Tests change content through the ORM too, without the signals that empty the cache of
    anonymous pages: it is off, except in tests/wiki/test_page_cache.py."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing with the production hasher costs a second per login in tests."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
