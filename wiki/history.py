"""A practice's public history: when it changed, by whom and what changed, for members."""

from dataclasses import dataclass, field
from datetime import datetime

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.models import PageLogEntry, Revision

from wiki.drafts import require_member
from wiki.members import display_name, is_member
from wiki.revisions import practice_data
from wiki.section_diff import compare_practices

ACTION_LABELS = {
    "wagtail.create": "Création",
    "wagtail.publish": "Publication",
    "wagtail.edit": "Modification enregistrée (brouillon)",
    "wagtail.revert": "Retour à une version précédente",
    "wagtail.unpublish": "Dépubliée",
    "wagtail.workflow.start": "Proposée à la relecture",
    "wagtail.workflow.approve": "Relecture approuvée",
    "wagtail.workflow.reject": "Relecture : modifications demandées",
}
PUBLIC_ACTIONS = ("wagtail.publish", "wagtail.unpublish")


@dataclass
class HistoryEntry:
    when: datetime
    action: str
    who: str | None
    revision_id: int | None


def practice_history(page, user) -> list[HistoryEntry]:
    """Visitors see publication dates only; members also see drafts and editors' names."""
    member = is_member(user)
    actions = ACTION_LABELS if member else PUBLIC_ACTIONS
    entries = (
        PageLogEntry.objects.filter(page=page, action__in=list(actions))
        .select_related("user")
        .order_by("-timestamp")
    )
    return [
        HistoryEntry(
            when=entry.timestamp,
            action=ACTION_LABELS[entry.action],
            who=display_name(entry.user) if member and entry.user else None,
            revision_id=entry.revision_id if member else None,
        )
        for entry in entries
    ]


# Comparing two versions (members only, like the links to each version)

SAME_REVISION_MESSAGE = "Choisissez deux versions différentes."
ONE_REVISION_MESSAGE = "Cette fiche n'a qu'une version pour l'instant : rien à comparer."


@dataclass
class RevisionChoice:
    id: int
    label: str
    revision: Revision = field(repr=False)


def revision_choices(page) -> list[RevisionChoice]:
    """The page's versions, newest first, named by date, author and publication."""
    published = set(
        PageLogEntry.objects.filter(page=page, action="wagtail.publish").values_list(
            "revision_id", flat=True
        )
    )
    choices = []
    for revision in page.revisions.select_related("user").order_by("-created_at", "-id"):
        when = date_format(localtime(revision.created_at), "j F Y à H:i")
        if revision.pk == page.live_revision_id:
            status = "en ligne"
        else:
            status = "publiée" if revision.pk in published else ""
        details = ", ".join(part for part in (display_name(revision.user), status) if part)
        label = f"{when} ({details})" if details else when
        choices.append(RevisionChoice(revision.pk, label, revision))
    return choices


def history_context(page, user) -> dict:
    return {
        "history": practice_history(page, user),
        "revisions": revision_choices(page) if is_member(user) else [],
    }


def chosen_revision(choices: list[RevisionChoice], value: str | None, default):
    """The page's revision named in the query string; 404 for one of another page."""
    if value in (None, ""):
        return default
    by_id = {choice.id: choice.revision for choice in choices}
    if not value.isdigit() or int(value) not in by_id:
        raise Http404("Version inconnue.")
    return by_id[int(value)]


def compare_view(page, request):
    refused = require_member(request)
    if refused:
        return refused
    choices = revision_choices(page)
    latest_two = [choice.revision for choice in choices[:2]]
    newest = latest_two[0] if latest_two else None
    before = latest_two[-1] if latest_two else None
    old = chosen_revision(choices, request.GET.get("de"), before)
    new = chosen_revision(choices, request.GET.get("a"), newest)
    context = {"page": page, "revisions": choices, "old": old, "new": new}
    if len(choices) < 2:
        context["message"] = ONE_REVISION_MESSAGE
    elif old.pk == new.pk:
        context["message"] = SAME_REVISION_MESSAGE
    else:
        data = practice_data([old, new])
        context["changes"] = compare_practices(data[old.pk], data[new.pk])
    return TemplateResponse(request, "wiki/practice_compare.html", context)
