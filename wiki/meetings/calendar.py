"""The meetings in time: what is coming, what is past, which meeting came before which."""

from datetime import datetime, timedelta

from django.utils import timezone

from wiki.meetings.models import MeetingIndexPage, MeetingPage

# Without any past meeting, "what's new" looks back this far.
DEFAULT_LOOKBACK = timedelta(days=30)


def start_of_today() -> datetime:
    return timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)


def meetings_by_time(index: MeetingIndexPage) -> dict[str, list[MeetingPage]]:
    """Upcoming meetings soonest first (today's included), then past ones latest first."""
    meetings = MeetingPage.objects.child_of(index).live()
    today = start_of_today()
    return {
        "upcoming": list(meetings.filter(start__gte=today).order_by("start")),
        "past": list(meetings.filter(start__lt=today).order_by("-start")),
    }


def last_meeting_and_since(moment: datetime) -> tuple[MeetingPage | None, datetime]:
    """The latest published meeting that started before `moment`, and where "what's new"
    at `moment` starts: that meeting's start, or a month earlier when there has been none."""
    last = MeetingPage.objects.live().filter(start__lt=moment).order_by("-start").first()
    return last, last.start if last else moment - DEFAULT_LOOKBACK


def meeting_context(meeting: MeetingPage) -> dict:
    from wiki.meetings.whats_new import whats_new

    previous, since = last_meeting_and_since(meeting.start)
    until = min(meeting.start, timezone.now())
    return {
        "previous_meeting": previous,
        "presented_practices": [
            item.practice for item in meeting.presented_practices.select_related("practice")
        ],
        "next_steps": list(meeting.next_steps.all()),
        "whats_new": whats_new(since, until),
    }


def parse_day(value: str) -> datetime | None:
    """Midnight (Paris time) of a day written 2026-11-01 or 01/11/2026; None if unreadable."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            day = datetime.strptime(value.strip(), pattern)
        except ValueError:
            continue
        return timezone.make_aware(day)
    return None
