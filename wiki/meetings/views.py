"""The "what's new" page: since the last meeting, or since a chosen day."""

from django.template.response import TemplateResponse
from django.utils import timezone

from wiki.drafts import require_member
from wiki.meetings.calendar import last_meeting_and_since, parse_day
from wiki.meetings.whats_new import whats_new


def whats_new_view(request):
    # Drafts, comments and the names of their authors: members of the network only.
    refused = require_member(request)
    if refused:
        return refused
    now = timezone.now()
    asked = request.GET.get("depuis", "").strip()
    since = parse_day(asked) if asked else None
    error = ""
    if asked and (since is None or since > now):
        error = (
            f"La date « {asked} » n'a pas été comprise : écrivez-la par exemple 01/11/2026. "
            "Voici les nouveautés depuis la dernière rencontre."
            if since is None
            else f"La date « {asked} » est dans le futur. "
            "Voici les nouveautés depuis la dernière rencontre."
        )
        since = None
    last_meeting, start = (None, since) if since else last_meeting_and_since(now)
    context = {
        "news": whats_new(start, now),
        "last_meeting": last_meeting,
        "chosen_day": since,
        "error": error,
    }
    return TemplateResponse(request, "meetings/whats_new.html", context)
