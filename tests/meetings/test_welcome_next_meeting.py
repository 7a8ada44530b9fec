"""The welcome page tells members when the network meets next."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.meetings.factories import make_meeting
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db


def test_members_see_the_next_meeting_on_the_welcome_page(client_for):
    now = timezone.now()
    make_meeting("Groupe pilote de mars", now - timedelta(days=20), place="Centre des Tilleuls")
    make_meeting("Rencontre d'échanges", now + timedelta(days=9), place="Maison du quartier")
    make_meeting("Rencontre de valorisation", now + timedelta(days=40))

    html = client_for(ROLE_CENTRES_SOCIAUX).get("/bienvenue/").content.decode()

    assert "Rencontre d&#x27;échanges" in html
    assert "Maison du quartier" in html
    assert "Groupe pilote de mars" not in html
    assert "Rencontre de valorisation" not in html


def test_visitors_are_not_shown_the_members_meetings(client):
    make_meeting("Rencontre d'échanges", timezone.now() + timedelta(days=9))
    assert "Rencontre d&#x27;échanges" not in client.get("/bienvenue/").content.decode()
