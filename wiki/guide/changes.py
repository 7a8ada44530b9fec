"""What moved around a frozen edition: practices changed since it was published, and what
it changed compared with the previous edition. Both tell the Coordination when a new
edition is due and what to say about it."""

from dataclasses import dataclass, field

from wiki.exchange.pages import page_to_data
from wiki.guide.content import GuidePractice
from wiki.guide.models import GuideEdition
from wiki.guide.snapshot import frozen_content
from wiki.models import PracticePage
from wiki.section_diff import compare_practices, describe_changes


@dataclass(frozen=True)
class PracticeChange:
    title: str
    state: str  # French: "modifiée", "dépubliée", "supprimée"
    details: str = ""  # which sections changed, e.g. "Les étapes : 1 modifiée"
    page_id: int | None = None


@dataclass
class EditionDiff:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    updated: list[PracticeChange] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.updated)


def changed_since_publication(edition: GuideEdition) -> list[PracticeChange]:
    """The edition's practices whose living page has moved on since the edition froze them."""
    content = frozen_content(edition)
    if content is None:
        return []
    practices = content.practices
    pages = PracticePage.objects.in_bulk([p.page_id for p in practices if p.page_id])
    changes = []
    for practice in practices:
        page = pages.get(practice.page_id)
        if page is None:
            changes.append(PracticeChange(practice.data.title, "supprimée"))
        elif not page.live:
            changes.append(PracticeChange(practice.data.title, "dépubliée", page_id=page.pk))
        elif page.live_revision_id != practice.revision_id:
            details = describe_changes(compare_practices(practice.data, page_to_data(page)))
            if details:
                changes.append(PracticeChange(page.title, "modifiée", details, page.pk))
    return changes


def changes_from_previous(edition: GuideEdition) -> EditionDiff:
    """Practices added, removed and updated compared with the previous published edition."""
    if not edition.is_published:  # a draft: no publication date to find a previous edition by
        return EditionDiff()
    return changes_between(edition.previous_edition(), edition)


def changes_between(previous_edition: GuideEdition | None, edition: GuideEdition) -> EditionDiff:
    """What `edition` added, removed and updated since `previous_edition` (both published)."""
    content = frozen_content(edition)
    previous = frozen_content(previous_edition) if previous_edition else None
    if content is None or previous is None:
        return EditionDiff()
    before = {key(practice): practice for practice in previous.practices}
    after = {key(practice): practice for practice in content.practices}
    diff = EditionDiff(
        added=[after[k].data.title for k in after if k not in before],
        removed=[before[k].data.title for k in before if k not in after],
    )
    for k in after.keys() & before.keys():
        if after[k].revision_id != before[k].revision_id:
            details = describe_changes(compare_practices(before[k].data, after[k].data))
            if details:
                diff.updated.append(PracticeChange(after[k].data.title, "modifiée", details))
    diff.updated.sort(key=lambda change: change.title)
    return diff


def key(practice: GuidePractice) -> int | str:
    return practice.page_id or practice.data.slug
