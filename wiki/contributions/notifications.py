"""The Coordination hears of every experience shared through the public form, with the
contributor's contact details (which are never published) and where to read the draft."""

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse

from wiki.models import Contribution
from wiki.site_urls import absolute_url
from wiki.vocabulary import ROLE_COORDINATION


def coordination_addresses() -> list[str]:
    members = (
        get_user_model()
        .objects.filter(groups__name=ROLE_COORDINATION, is_active=True)
        .exclude(email="")
    )
    return sorted(set(members.values_list("email", flat=True)))


def notify_coordination(contribution: Contribution) -> int:
    """One email to each active member of the Coordination; returns how many were sent.

    Replying answers the contributor directly.
    """
    page = contribution.page
    context = {
        "contribution": contribution,
        "page": page,
        "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=(page.pk,))),
        "draft_url": absolute_url(f"{page.get_parent().url}brouillons/{page.pk}/"),
    }
    subject = render_to_string("wiki/contribution_email_subject.txt", context).strip()
    body = render_to_string("wiki/contribution_email.txt", context)
    messages = [
        EmailMessage(
            subject,
            body,
            to=[address],
            reply_to=[contribution.contributor_email],
            headers={"Auto-Submitted": "auto-generated"},
        )
        for address in coordination_addresses()
    ]
    return get_connection().send_messages(messages) or 0
