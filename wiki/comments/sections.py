"""Which sections of a practice take comments, reading a page's open comments, adding more.

A comment is a `wagtail.models.Comment` whose `contentpath` names the field the section is
stored in; a list section uses its inline relation ("difficulties", "memo_items"), which
`CommentableInlinePanel` shows in the editor. Wagtail's `position` (a place inside a field)
is left empty: members comment on a whole section.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch
from wagtail.models import Comment, CommentReply

from wiki.members import display_name
from wiki.models import PracticePage
from wiki.vocabulary import SECTIONS


@dataclass(frozen=True)
class CommentableSection:
    key: str  # the section's key in the content contract ("memo")
    contentpath: str  # the field of PracticePage it is stored in ("memo_items")
    label: str  # French label ("Mémo : à ne pas oublier")


# Where a section's key is not the name of its field on PracticePage.
FIELD_NAMES = {"memo": "memo_items"}

COMMENTABLE_SECTIONS = tuple(
    CommentableSection(section.key, FIELD_NAMES.get(section.key, section.key), section.label)
    for section in SECTIONS
)
SECTIONS_BY_KEY = {section.key: section for section in COMMENTABLE_SECTIONS}
SECTIONS_BY_CONTENTPATH = {section.contentpath: section for section in COMMENTABLE_SECTIONS}


def section_key(contentpath: str) -> str:
    """The section a comment belongs to; "" when it is about another field (themes, slug…).

    Comments made in the editor may point inside a field ("difficulties.<id>.answer").
    """
    section = SECTIONS_BY_CONTENTPATH.get(contentpath.split(".", 1)[0])
    return section.key if section else ""


def section_label(contentpath: str) -> str:
    """The French label of a commented field: "difficulties.<id>.answer" → its section's,
    "audiences" → the field's ("Pour qui"); "" for the page as a whole."""
    name = contentpath.split(".", 1)[0]
    if name in SECTIONS_BY_CONTENTPATH:
        return SECTIONS_BY_CONTENTPATH[name].label
    try:
        field = PracticePage._meta.get_field(name)
    except FieldDoesNotExist:  # a field that no longer exists, or the page as a whole
        return ""
    # A reverse relation (the partners' inline list) has no verbose name.
    return str(getattr(field, "verbose_name", "")).capitalize()


@dataclass
class PageComments:
    """A page's open comments, by section key ("" for the other fields)."""

    by_section: dict[str, list[Comment]] = field(default_factory=dict)

    def for_sections(self, keys) -> list[Comment]:
        found = [comment for key in keys for comment in self.by_section.get(key, [])]
        return sorted(found, key=lambda comment: comment.created_at)

    def except_sections(self, keys) -> list[Comment]:
        return self.for_sections(key for key in self.by_section if key not in set(keys))


def open_comments(page) -> PageComments:
    """The comments nobody resolved yet, oldest first, with their replies: two queries.

    Each comment gets `author`, `section_label`, and each reply `author`, for display.
    """
    replies = CommentReply.objects.select_related("user").order_by("created_at", "pk")
    comments = (
        Comment.objects.filter(page=page, resolved_at__isnull=True)
        .select_related("user")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "pk")
    )
    by_section: dict[str, list[Comment]] = defaultdict(list)
    for comment in comments:
        comment.author = display_name(comment.user)
        comment.section_label = section_label(comment.contentpath) or "La fiche"
        for reply in comment.replies.all():
            reply.author = display_name(reply.user)
        by_section[section_key(comment.contentpath)].append(comment)
    return PageComments(dict(by_section))


def add_comment(page, user, key: str, text: str) -> Comment:
    """A comment on section `key`, made on the page's latest revision, as the editor does."""
    revision = page.latest_revision
    comment = Comment.objects.create(
        page=page,
        user=user,
        text=text,
        contentpath=SECTIONS_BY_KEY[key].contentpath,
        position="",
        revision_created=revision,
    )
    comment.log_create(page_revision=revision, user=user)
    return comment


def add_reply(page, comment: Comment, user, text: str) -> CommentReply:
    reply = CommentReply.objects.create(comment=comment, user=user, text=text)
    reply.log_create(page_revision=page.latest_revision, user=user)
    return reply
