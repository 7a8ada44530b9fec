"""Every digest carries a link that stops the digests in one click, without logging in; a
changed link changes nothing."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from tests.factories import publish_practice
from wiki.following.digests import send_digests
from wiki.following.follows import follow
from wiki.following.models import DigestPreference, Follow, Rhythm
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://[^/\s]+(/mes-suivis/desabonnement/[^/\s]+/)")


@pytest.fixture
def unsubscribe_path(role_users, mailoutbox) -> str:
    """The unsubscribe link of a real digest."""
    member = role_users[ROLE_CENTRES_SOCIAUX]
    follow(member, publish_practice(title="Un café des parents", slug="cafe"))
    publish_practice(title="Un café des parents", slug="cafe", what_worked="<p>Du neuf.</p>")
    day = timezone.localdate() + timedelta(days=8)
    send_digests(now=timezone.make_aware(datetime.combine(day, time(7))))
    [message] = [m for m in mailoutbox if m.to == [member.email]]
    return LINK.search(message.body).group(1)


def preference(role_users) -> DigestPreference:
    return DigestPreference.objects.get(user=role_users[ROLE_CENTRES_SOCIAUX])


def test_the_link_stops_the_digests_without_logging_in(client, role_users, unsubscribe_path):
    response = client.get(unsubscribe_path)
    assert response.status_code == 200
    assert "Vous ne recevrez plus ces nouvelles." in response.content.decode()
    assert preference(role_users).rhythm == Rhythm.OFF
    # The follows are kept, to turn the digests on again from /mes-suivis/.
    assert Follow.objects.filter(user=role_users[ROLE_CENTRES_SOCIAUX]).exists()


def test_mail_programs_may_unsubscribe_with_a_post(client, role_users, unsubscribe_path):
    response = client.post(unsubscribe_path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert preference(role_users).rhythm == Rhythm.OFF


def test_a_changed_link_changes_nothing(client, role_users, unsubscribe_path):
    token = unsubscribe_path.rstrip("/").rsplit("/", 1)[1]
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(f"/mes-suivis/desabonnement/{tampered}/")
    assert response.status_code == 400
    assert "Ce lien ne fonctionne pas" in response.content.decode()
    assert preference(role_users).rhythm == Rhythm.WEEKLY


def test_after_unsubscribing_no_digest_is_sent(client, role_users, unsubscribe_path, mailoutbox):
    client.get(unsubscribe_path)
    publish_practice(title="Un café des parents", slug="cafe", what_worked="<p>Encore.</p>")
    mailoutbox.clear()
    day = timezone.localdate() + timedelta(days=30)
    send_digests(now=timezone.make_aware(datetime.combine(day, time(7))))
    assert mailoutbox == []
