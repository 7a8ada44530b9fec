"""The digests: what changed in what one follows, on one's rhythm, once, never empty."""

from datetime import datetime, time, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import make_user, publish_practice
from tests.meetings.factories import make_meeting
from wiki.following.digests import digest_news, send_digests
from wiki.following.follows import follow
from wiki.following.models import DigestPreference, Follow, Rhythm
from wiki.models import Theme
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(role_users):
    return role_users[ROLE_CENTRES_SOCIAUX]


@pytest.fixture
def practices():
    """One practice the member will follow, one they will not."""
    return (
        publish_practice(title="Un café des parents", slug="suivie"),
        publish_practice(title="Un goûter à la maternelle", slug="pas-suivie"),
    )


@pytest.fixture
def followed_change(member, practices, mailoutbox):
    """The member follows the first practice, which then changes; the outbox starts empty."""
    follow(member, practices[0])
    change("suivie", "Un café des parents")
    mailoutbox.clear()


def change(slug: str, title: str, text: str = "<p>Une nouveauté.</p>") -> None:
    publish_practice(title=title, slug=slug, what_worked=text)


def days_later(days: int, hour: int = 7) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def digests_sent_to(user, mailoutbox) -> list:
    return [message for message in mailoutbox if message.to == [user.email]]


def test_the_digest_of_a_period_has_the_followed_practice_changed_and_not_the_others(
    member, practices
):
    follow(member, practices[0])
    since = timezone.now()
    change("suivie", "Un café des parents")
    change("pas-suivie", "Un goûter à la maternelle")
    news = digest_news(member, since, timezone.now())
    assert [item.page.slug for item in news.changed_practices] == ["suivie"]
    assert "Ce qui a marché" in news.changed_practices[0].description


def test_a_change_before_the_period_is_not_in_its_digest(member, practices):
    follow(member, practices[0])
    change("suivie", "Un café des parents")
    assert digest_news(member, timezone.now(), timezone.now() + timedelta(days=1)).is_empty


def test_a_followed_theme_brings_the_practices_filed_under_it(member, practices):
    follow(member, Theme.objects.get(slug="aller-vers-l-ecole"))  # the factory's theme
    since = timezone.now()
    change("pas-suivie", "Un goûter à la maternelle")
    news = digest_news(member, since, timezone.now())
    assert [item.page.slug for item in news.changed_practices] == ["pas-suivie"]


def test_the_weekly_digest_is_emailed_with_the_followed_change_only(
    member, followed_change, mailoutbox
):
    change("pas-suivie", "Un goûter à la maternelle")
    run = send_digests(now=days_later(8))
    assert run.sent == 1
    [message] = digests_sent_to(member, mailoutbox)
    assert message.subject == "Passerelles : du nouveau dans ce que vous suivez"
    assert "Un café des parents" in message.body
    assert "Un goûter à la maternelle" not in message.body
    assert "/pratiques/suivie/" in message.body
    assert "/mes-suivis/desabonnement/" in message.extra_headers["List-Unsubscribe"]


def test_running_twice_the_same_day_sends_once(member, followed_change, mailoutbox):
    send_digests(now=days_later(8))
    send_digests(now=days_later(8, hour=19))
    assert len(digests_sent_to(member, mailoutbox)) == 1
    preference = DigestPreference.objects.get(user=member)
    assert preference.last_sent_at == days_later(8)
    assert preference.digested_until == days_later(8)


def test_a_weekly_digest_waits_a_week(member, followed_change, mailoutbox):
    send_digests(now=days_later(3))
    assert digests_sent_to(member, mailoutbox) == []


def test_nothing_new_sends_nothing_but_the_period_is_seen(member, practices, mailoutbox):
    follow(member, practices[0])
    change("pas-suivie", "Un goûter à la maternelle")
    mailoutbox.clear()
    run = send_digests(now=days_later(8))
    assert (run.sent, run.nothing_new) == (0, 1)
    assert digests_sent_to(member, mailoutbox) == []
    assert DigestPreference.objects.get(user=member).digested_until == days_later(8)


def test_the_eve_of_a_meeting_rhythm_sends_only_the_day_before_a_meeting(
    member, followed_change, mailoutbox
):
    DigestPreference.objects.filter(user=member).update(rhythm=Rhythm.BEFORE_MEETING)
    make_meeting("Groupe pilote de décembre", start=days_later(5, hour=18))
    for day in (1, 2, 3):
        send_digests(now=days_later(day))
    assert digests_sent_to(member, mailoutbox) == []
    send_digests(now=days_later(4))  # the day before the meeting
    send_digests(now=days_later(4, hour=20))
    assert len(digests_sent_to(member, mailoutbox)) == 1
    send_digests(now=days_later(5))  # the meeting's day
    assert len(digests_sent_to(member, mailoutbox)) == 1


def test_without_a_meeting_the_eve_rhythm_sends_nothing(member, followed_change, mailoutbox):
    DigestPreference.objects.filter(user=member).update(rhythm=Rhythm.BEFORE_MEETING)
    send_digests(now=days_later(8))
    assert digests_sent_to(member, mailoutbox) == []


def test_someone_outside_the_network_gets_no_digest(practices, mailoutbox):
    stranger = make_user("inconnu")  # an account with no role
    DigestPreference.objects.create(user=stranger, digested_until=timezone.now())
    Follow.objects.create(user=stranger, practice=practices[0])
    change("suivie", "Un café des parents")
    mailoutbox.clear()
    send_digests(now=days_later(8))
    assert digests_sent_to(stranger, mailoutbox) == []


def test_the_daily_command_reports_in_french(member, practices, mailoutbox):
    follow(member, practices[0])
    DigestPreference.objects.filter(user=member).update(
        digested_until=timezone.now() - timedelta(days=8)
    )
    change("suivie", "Un café des parents")
    output = StringIO()
    call_command("send_digests", stdout=output)
    assert "Nouvelles envoyées : 1" in output.getvalue()
    assert len(digests_sent_to(member, mailoutbox)) == 1
