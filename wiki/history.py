"""A practice's public history: when it changed, and by whom for members."""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import PageLogEntry

from wiki.members import is_member

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
            who=(entry.user.get_full_name() or entry.user.get_username())
            if member and entry.user
            else None,
            revision_id=entry.revision_id if member else None,
        )
        for entry in entries
    ]
