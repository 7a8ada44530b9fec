"""Email about a comment or a reply written from a practice page.

Wagtail tells the page's comment subscribers when comments change in its editor, but not when
a comment is created elsewhere; this sends the same news, in French, to the same people: the
page's subscribers (`PageSubscription.comment_notifications`), its owner and, for a reply,
those already in the thread. Whoever turned comment emails off in their account is skipped.
"""

import logging
from smtplib import SMTPException

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from wagtail.models import Comment, CommentReply

from wiki.comments.sections import section_label
from wiki.members import display_name
from wiki.site_urls import absolute_url

logger = logging.getLogger(__name__)


def comment_recipients(page, item: Comment | CommentReply):
    concerned = Q(page_subscriptions__page=page, page_subscriptions__comment_notifications=True)
    if page.owner_id:
        concerned |= Q(pk=page.owner_id)
    if isinstance(item, CommentReply):
        concerned |= Q(pk=item.comment.user_id) | Q(comment_replies__comment=item.comment)
    return (
        get_user_model()
        .objects.filter(concerned, is_active=True)
        .exclude(pk=item.user_id)
        .exclude(email="")
        .exclude(wagtail_userprofile__updated_comments_notifications=False)
        .distinct()
    )


def notify_comment(page, item: Comment | CommentReply) -> int:
    """One email to each person concerned; returns how many left. A mail server that fails
    is logged and never loses the comment."""
    comment = item.comment if isinstance(item, CommentReply) else item
    context = {
        "page": page,
        "author": display_name(item.user),
        "is_reply": isinstance(item, CommentReply),
        "text": item.text,
        "comment": comment,
        "section": section_label(comment.contentpath),
        "page_url": absolute_url(f"{page.url}#commentaire-{comment.pk}"),
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=(page.pk,))),
        "settings_url": absolute_url(reverse("wagtailadmin_account")),
    }
    subject = render_to_string("wiki/comment_email_subject.txt", context).strip()
    body = render_to_string("wiki/comment_email.txt", context)
    messages = [
        EmailMessage(subject, body, to=[address], headers={"Auto-Submitted": "auto-generated"})
        for address in comment_recipients(page, item).values_list("email", flat=True)
    ]
    try:
        return get_connection().send_messages(messages) or 0
    except (SMTPException, OSError):
        logger.exception("Comment notification on page %s not sent", page.pk)
        return 0
