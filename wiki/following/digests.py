"""The digests: one email per member whose rhythm is due, with what changed in what they
follow since their last digest. Meant to run once a day (`manage.py send_digests`).

The contents come from the meetings' "quoi de neuf" (`whats_new`), restricted to the
followed practices and themes. A digest with nothing in it is not sent, but the period is
still marked as seen, so that running twice the same day sends at most once.
"""

import logging
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from smtplib import SMTPException

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from wiki.following.models import DigestPreference, Follow, Rhythm
from wiki.following.unsubscribe import unsubscribe_token
from wiki.meetings.models import MeetingPage
from wiki.meetings.whats_new import WhatsNew, whats_new
from wiki.members import is_member
from wiki.site_urls import absolute_url

WEEK = timedelta(days=7)
logger = logging.getLogger(__name__)


def digest_news(user, since: datetime, until: datetime) -> WhatsNew:
    """What changed from `since` to `until` in the practices and themes `user` follows.

    The glossary is not followed, and a practice still in review is news only in the period
    it was submitted.
    """
    follows = Follow.objects.filter(user=user)
    page_ids = [pk for pk in follows.values_list("practice_id", flat=True) if pk]
    theme_slugs = list(follows.filter(theme__isnull=False).values_list("theme__slug", flat=True))
    news = whats_new(since, until, page_ids=page_ids, theme_slugs=theme_slugs)
    return replace(
        news,
        glossary_terms=[],
        awaiting_review=[item for item in news.awaiting_review if item.requested_at >= since],
    )


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=1)


def meeting_on(day: date) -> bool:
    start, end = day_bounds(day)
    return MeetingPage.objects.live().filter(start__gte=start, start__lt=end).exists()


def is_due(preference: DigestPreference, today: date, meeting_tomorrow: bool) -> bool:
    last = timezone.localdate(preference.digested_until) if preference.digested_until else None
    if preference.rhythm == Rhythm.WEEKLY:
        return last is None or last <= today - WEEK
    if preference.rhythm == Rhythm.BEFORE_MEETING:
        return meeting_tomorrow and last != today
    return False


def period_start(preference: DigestPreference) -> datetime:
    if preference.digested_until:
        return preference.digested_until
    first = Follow.objects.filter(user=preference.user).order_by("created_at").first()
    return first.created_at if first else timezone.now()


def digest_message(user, news: WhatsNew) -> EmailMultiAlternatives:
    unsubscribe_url = absolute_url(
        reverse("following:unsubscribe", args=(unsubscribe_token(user),))
    )
    context = {
        "user": user,
        "news": news,
        "site_url": absolute_url(""),
        "follows_url": absolute_url(reverse("following:my_follows")),
        "unsubscribe_url": unsubscribe_url,
    }
    subject = render_to_string("following/digest_email_subject.txt", context).strip()
    body = render_to_string("following/digest_email.txt", context)
    message = EmailMultiAlternatives(
        subject,
        body,
        to=[user.email],
        headers={
            "Auto-Submitted": "auto-generated",
            # Mail programs show their own "se désabonner" button from these (RFC 8058).
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("following/digest_email.html", context), "text/html"
    )
    return message


@dataclass
class DigestRun:
    sent: int = 0
    nothing_new: int = 0
    failed: int = 0


def send_digests(now: datetime | None = None) -> DigestRun:
    """Send every digest due today; returns how many left, had nothing new, or failed."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    meeting_tomorrow = meeting_on(today + timedelta(days=1))
    run = DigestRun()
    preferences = (
        DigestPreference.objects.exclude(rhythm=Rhythm.OFF)
        .filter(user__is_active=True, user__follows__isnull=False)
        .exclude(user__email="")
        .distinct()
        .select_related("user")
        .prefetch_related("user__groups")
    )
    connection = get_connection()
    for preference in preferences:
        if not is_due(preference, today, meeting_tomorrow) or not is_member(preference.user):
            continue
        try:
            sent = send_digest(preference.pk, now, meeting_tomorrow, connection)
        except (SMTPException, OSError):
            # The period stays unseen: the next run tries this person again.
            logger.exception("Digest to %s not sent", preference.user.email)
            run.failed += 1
            continue
        if sent:
            run.sent += 1
        elif sent is False:
            run.nothing_new += 1
    return run


@transaction.atomic
def send_digest(preference_id: int, now: datetime, meeting_tomorrow: bool, connection):
    """True: sent; False: nothing new; None: no longer due (another run did it)."""
    preference = (
        DigestPreference.objects.select_for_update().select_related("user").get(pk=preference_id)
    )
    if not is_due(preference, timezone.localdate(now), meeting_tomorrow):
        return None
    news = digest_news(preference.user, period_start(preference), now)
    if not news.is_empty:
        connection.send_messages([digest_message(preference.user, news)])
        preference.last_sent_at = now
    preference.digested_until = now
    preference.save(update_fields=["digested_until", "last_sent_at"])
    return not news.is_empty
