"""What happened on the wiki between two dates: "quoi de neuf depuis la dernière rencontre".

`whats_new(since, until)` lists the practices published for the first time, the practices
changed (with the sections that changed), the comments, the glossary terms added, and the
contributions waiting for review. It reads drafts and comments: members only.

The practice lists can be restricted to some practices and themes (`page_ids`,
`theme_slugs`), as the digest of followed practices does; the glossary is never restricted.
"""

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Comment, CommentReply, Revision, WorkflowState

from wiki.comments.sections import section_label
from wiki.members import display_name
from wiki.models import GlossaryTerm, PracticePage
from wiki.revisions import practice_data
from wiki.section_diff import SectionChange, compare_practices, describe_changes

NEVER_PUBLISHED = "Nouvelle fiche, pas encore publiée"


def practice_url(page: PracticePage, draft: bool = False) -> str:
    """The public page, or the members' view of its latest draft (`/pratiques/brouillons/<id>/`).

    Built from the page's own path, so no query is spent on it.
    """
    if draft or not page.live:
        return posixpath.dirname(page.url.rstrip("/")) + f"/brouillons/{page.pk}/"
    return page.url


@dataclass
class NewPractice:
    page: PracticePage
    published_at: datetime

    @property
    def url(self) -> str:
        return practice_url(self.page)


@dataclass
class ChangedPractice:
    page: PracticePage
    changed_at: datetime  # the latest revision in the range
    changed_by: str  # who saved that revision ("" when unknown)
    changes: list[SectionChange]  # empty for a practice never published before the range
    is_draft: bool  # that revision is not the published version

    @property
    def is_first_draft(self) -> bool:
        """Created in the range and not published: no earlier version to compare with."""
        return not self.changes

    @property
    def description(self) -> str:
        """E.g. "Difficultés et réponses : 1 ajoutée"."""
        return NEVER_PUBLISHED if self.is_first_draft else describe_changes(self.changes)

    @property
    def url(self) -> str:
        return practice_url(self.page, draft=self.is_draft)


@dataclass
class NewComment:
    page: PracticePage
    section: str  # French label of the commented field ("" when the whole page)
    text: str
    author: str
    created_at: datetime
    is_reply: bool

    @property
    def url(self) -> str:
        return practice_url(self.page)


@dataclass
class AwaitingReview:
    page: PracticePage
    task: str  # the step of the review it waits for, e.g. "Validation par la Coordination"
    requested_by: str
    requested_at: datetime

    @property
    def url(self) -> str:
        return practice_url(self.page, draft=True)


@dataclass
class WhatsNew:
    since: datetime
    until: datetime
    new_practices: list[NewPractice] = field(default_factory=list)
    changed_practices: list[ChangedPractice] = field(default_factory=list)
    comments: list[NewComment] = field(default_factory=list)
    glossary_terms: list[GlossaryTerm] = field(default_factory=list)
    awaiting_review: list[AwaitingReview] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.new_practices
            or self.changed_practices
            or self.comments
            or self.glossary_terms
            or self.awaiting_review
        )


def whats_new(
    since: datetime,
    until: datetime | None = None,
    *,
    page_ids: Iterable[int] | None = None,
    theme_slugs: Iterable[str] | None = None,
) -> WhatsNew:
    """Everything from `since` (included) to `until` (excluded; default: now).

    Given `page_ids` and/or `theme_slugs`, only the practices among those pages or in one of
    those themes are looked at (the union of both).
    """
    until = until or timezone.now()
    practices = practice_scope(page_ids, theme_slugs)
    news = WhatsNew(since=since, until=until)
    news.new_practices = new_practices(practices, since, until)
    news.awaiting_review = awaiting_review(practices, until)
    # Said once: a practice published in the range is new, a first draft in review waits.
    listed = {item.page.pk for item in news.new_practices}
    in_review = {item.page.pk for item in news.awaiting_review}
    news.changed_practices = [
        item
        for item in changed_practices(practices, since, until)
        if item.page.pk not in listed and not (item.is_first_draft and item.page.pk in in_review)
    ]
    news.comments = new_comments(practices, since, until)
    news.glossary_terms = list(
        GlossaryTerm.objects.filter(created_at__gte=since, created_at__lt=until).order_by("term")
    )
    return news


def practice_scope(page_ids, theme_slugs):
    practices = PracticePage.objects.all()
    if page_ids is None and theme_slugs is None:
        return practices
    wanted = Q(pk__in=list(page_ids or ())) | Q(themes__slug__in=list(theme_slugs or ()))
    return practices.filter(pk__in=PracticePage.objects.filter(wanted).values("pk"))


def ids_as_text(practices):
    """Revisions and workflow states name their page by a text id: a subquery of those."""
    return practices.annotate(id_text=Cast("pk", output_field=CharField())).values("id_text")


def new_practices(practices, since: datetime, until: datetime) -> list[NewPractice]:
    pages = practices.live().filter(first_published_at__gte=since, first_published_at__lt=until)
    return [
        NewPractice(page=page, published_at=page.first_published_at)
        for page in pages.order_by("-first_published_at")
    ]


def practice_revisions():
    content_type = ContentType.objects.get_for_model(PracticePage)
    return Revision.objects.filter(content_type=content_type)


def changed_practices(practices, since: datetime, until: datetime) -> list[ChangedPractice]:
    """Each practice's latest revision in the range, compared with its last one before."""
    in_range = practice_revisions().filter(
        object_id__in=ids_as_text(practices), created_at__gte=since, created_at__lt=until
    )
    latest_by_page: dict[str, int] = {}
    for revision_id, object_id in in_range.order_by("-created_at", "-pk").values_list(
        "pk", "object_id"
    ):
        latest_by_page.setdefault(object_id, revision_id)
    baseline = (
        practice_revisions()
        .filter(object_id=OuterRef("object_id"), created_at__lt=since)
        .order_by("-created_at", "-pk")
        .values("pk")[:1]
    )
    latest = list(
        Revision.objects.filter(pk__in=latest_by_page.values())
        .annotate(baseline_id=Subquery(baseline))
        .select_related("user")
        .order_by("-created_at")
    )
    baselines = practice_revisions().filter(
        pk__in=[revision.baseline_id for revision in latest if revision.baseline_id]
    )
    data = practice_data([*latest, *baselines])
    pages = PracticePage.objects.in_bulk([int(revision.object_id) for revision in latest])
    changed = []
    for revision in latest:
        page = pages.get(int(revision.object_id))
        if page is None:
            continue
        changes = []
        if revision.baseline_id:
            changes = compare_practices(data[revision.baseline_id], data[revision.pk])
            if not changes:
                continue  # saved again without a change
        changed.append(
            ChangedPractice(
                page=page,
                changed_at=revision.created_at,
                changed_by=display_name(revision.user),
                changes=changes,
                is_draft=page.live_revision_id != revision.pk,
            )
        )
    return changed


def new_comments(practices, since: datetime, until: datetime) -> list[NewComment]:
    in_range = Q(created_at__gte=since, created_at__lt=until)
    comments = Comment.objects.filter(in_range, page__in=practices.values("pk")).select_related(
        "user"
    )
    replies = CommentReply.objects.filter(
        in_range, comment__page__in=practices.values("pk")
    ).select_related("user", "comment")
    found = [(comment, comment, False) for comment in comments]
    found += [(reply, reply.comment, True) for reply in replies]
    pages = practices.in_bulk({comment.page_id for _item, comment, _reply in found})
    items = [
        NewComment(
            page=pages[comment.page_id],
            section=section_label(comment.contentpath),
            text=item.text,
            author=display_name(item.user),
            created_at=item.created_at,
            is_reply=is_reply,
        )
        for item, comment, is_reply in found
    ]
    return sorted(items, key=lambda item: item.created_at, reverse=True)


def awaiting_review(practices, until: datetime) -> list[AwaitingReview]:
    """Practices in review now, when the review started before the end of the range."""
    states = list(
        WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS,
            content_type=ContentType.objects.get_for_model(PracticePage),
            created_at__lt=until,
            object_id__in=ids_as_text(practices),
        )
        .select_related("current_task_state__task", "requested_by")
        .order_by("created_at")
    )
    pages = PracticePage.objects.in_bulk([int(state.object_id) for state in states])
    return [
        AwaitingReview(
            page=pages[int(state.object_id)],
            task=state.current_task_state.task.name if state.current_task_state else "",
            requested_by=display_name(state.requested_by),
            requested_at=state.created_at,
        )
        for state in states
        if int(state.object_id) in pages
    ]
