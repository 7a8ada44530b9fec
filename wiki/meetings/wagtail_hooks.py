"""Admin rules of the meetings: only their writers create them.

Every role has Wagtail's "add" permission on the whole tree so as to propose practices;
without this hook the Éducation nationale would be offered "Rencontre" too."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from wagtail import hooks

from wiki.meetings.models import MeetingIndexPage, MeetingPage
from wiki.meetings.permissions import may_write_meetings

REFUSAL = "Seules la Coordination et les équipes des centres sociaux écrivent les rencontres."


@hooks.register("before_create_page")
def only_meeting_writers_create_meetings(request, parent_page, page_class):
    if issubclass(page_class, MeetingPage | MeetingIndexPage) and not may_write_meetings(
        request.user
    ):
        messages.error(request, REFUSAL)
        raise PermissionDenied(REFUSAL)
