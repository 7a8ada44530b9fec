"""Meetings for tests, published under the real "Rencontres" page."""

from datetime import datetime

from wiki.meetings.models import MeetingKind, MeetingPage
from wiki.meetings.site_structure import ensure_meeting_index


def make_meeting(
    title: str,
    start: datetime,
    kind: str = MeetingKind.PILOT_GROUP,
    practices=(),
    next_steps=(),
    **fields,
) -> MeetingPage:
    """`next_steps`: (what, who, due) triples; `practices`: PracticePages, in order."""
    meeting = MeetingPage(title=title, start=start, kind=kind, **fields)
    meeting.set_lists(practices, next_steps)
    ensure_meeting_index().add_child(instance=meeting)
    meeting.save_revision().publish()
    return meeting
