"""Admin rules of the meetings: only their writers create them.

Every role has Wagtail's "add" permission on the whole tree so as to propose practices;
without this hook the Éducation nationale would be offered "Rencontre" too."""

from types import SimpleNamespace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from wiki.meetings.calendar import start_of_today
from wiki.meetings.models import MeetingIndexPage, MeetingPage
from wiki.meetings.permissions import may_write_meetings
from wiki.members import is_member
from wiki.welcome import NEXT_MEETING_HOOK

REFUSAL = "Seules la Coordination et les équipes des centres sociaux écrivent les rencontres."


@hooks.register("before_create_page")
def only_meeting_writers_create_meetings(request, parent_page, page_class):
    if issubclass(page_class, MeetingPage | MeetingIndexPage) and not may_write_meetings(
        request.user
    ):
        messages.error(request, REFUSAL)
        raise PermissionDenied(REFUSAL)


@hooks.register(NEXT_MEETING_HOOK)
def next_meeting_for_members(request):
    """The welcome page's "next meeting", for members only: meetings are members' pages."""
    if not is_member(request.user):
        return None
    meeting = (
        MeetingPage.objects.live().filter(start__gte=start_of_today()).order_by("start").first()
    )
    if meeting is None:
        return None
    return SimpleNamespace(
        title=meeting.title, url=meeting.url, when=meeting.start, place=meeting.place
    )
