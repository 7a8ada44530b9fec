"""Members' comments on a practice page, section by section (nothing at all for visitors).

`{% comment_form "difficulties" %}` under a section's heading: "Commenter cette section".
`{% section_comments "difficulties" %}` under the section: its open comments and replies.
`{% other_comments %}` last: open comments on anything not shown above (themes, an empty
optional section…), so none is lost from the page.

The page's comments are read once per page, whatever the number of sections.
"""

from django import template

from wiki.comments.forms import TEXT_MAX_LENGTH
from wiki.comments.sections import SECTIONS_BY_KEY, PageComments, open_comments
from wiki.members import is_member

register = template.Library()

STATE_KEY = "section_comments"


def page_state(context) -> dict | None:
    """What every tag of this page shares: None when comments are not shown."""
    state = context.render_context.get(STATE_KEY)
    if state is None:
        request = context.get("request")
        page = context.get("page")
        user = getattr(request, "user", None)
        shown = (
            page is not None
            and not context.get("is_draft_preview")
            and user is not None
            and is_member(user)
        )
        state = {"shown": False}
        if shown:
            state = {
                "shown": True,
                "page": page,
                "comments": open_comments(page),
                "rendered_keys": set(),
                "pending": context.get("pending_comment"),
                "csrf_token": context.get("csrf_token"),
                "action_url": f"{page.url}commentaires/",
            }
        context.render_context[STATE_KEY] = state
    return state if state["shown"] else None


def common(state: dict) -> dict:
    return {
        "shown": True,
        "csrf_token": state["csrf_token"],
        "action_url": state["action_url"],
        "max_length": TEXT_MAX_LENGTH,
    }


@register.inclusion_tag("wiki/includes/section_comment_form.html", takes_context=True)
def comment_form(context, *keys: str) -> dict:
    state = page_state(context)
    if state is None:
        return {"shown": False}
    pending = state["pending"]
    if pending is not None and (pending.reply_to_id or pending.section_key not in keys):
        pending = None
    comments: PageComments = state["comments"]
    return {
        **common(state),
        "anchor": "-".join(keys),
        "sections": [SECTIONS_BY_KEY[key] for key in keys],
        "count": len(comments.for_sections(keys)),
        "pending": pending,
        "chosen": pending.section_key if pending else keys[0],
    }


def with_reply_forms(state: dict, comments: list) -> list:
    pending = state["pending"]
    for comment in comments:
        comment.pending_reply = (
            pending if pending is not None and pending.reply_to_id == comment.pk else None
        )
    return comments


@register.inclusion_tag("wiki/includes/section_comments.html", takes_context=True)
def section_comments(context, *keys: str) -> dict:
    state = page_state(context)
    if state is None:
        return {"shown": False}
    state["rendered_keys"].update(keys)
    comments = state["comments"].for_sections(keys)
    return {
        **common(state),
        "anchor": "-".join(keys),
        "comments": with_reply_forms(state, comments),
        "several_sections": len(keys) > 1,
    }


@register.inclusion_tag("wiki/includes/section_comments.html", takes_context=True)
def other_comments(context) -> dict:
    state = page_state(context)
    if state is None:
        return {"shown": False}
    comments = state["comments"].except_sections(state["rendered_keys"])
    return {
        **common(state),
        "anchor": "autres",
        "comments": with_reply_forms(state, comments),
        "several_sections": True,
        "heading": "Autres commentaires sur la fiche",
    }
