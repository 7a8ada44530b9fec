"""A visitor's contribution becomes a draft practice submitted for review ("Proposée").

Never a live page: the draft is saved as a revision and the practices' review workflow is
started on it with nobody as its requester (the visitor has no account; a made-up "system"
user would be an account someone could log into, appear in lists and receive mail).
"""

from django.db import transaction
from wagtail.models import Page

from wiki.exchange.pages import fill_page
from wiki.exchange.text import slugify_title
from wiki.models import Contribution, PracticeIndexPage, PracticePage
from wiki.review.workflow import submit_for_review
from wiki.site_structure import ensure_site_structure

# Addresses under the practice list that its own views already answer.
RESERVED_SLUGS = frozenset({"brouillons"})


def practice_index() -> PracticeIndexPage:
    return PracticeIndexPage.objects.child_of(ensure_site_structure()).get()


def free_slug(index: Page, title: str) -> str:
    """The title's slug, numbered when a sibling (published or not) already has it."""
    base = slugify_title(title) or "experience"
    taken = set(Page.objects.child_of(index).values_list("slug", flat=True)) | RESERVED_SLUGS
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def propose_practice(form, hashed_address: str) -> Contribution:
    """Create the draft from a valid ContributionForm, start its review, keep the contact."""
    index = practice_index()
    data = form.practice_data(slug=free_slug(index, form.cleaned_data["title"]))
    page = PracticePage(live=False)
    fill_page(page, data)
    index.add_child(instance=page)
    page.save_revision(user=None, log_action=True)
    submit_for_review(page, user=None)
    return Contribution.objects.create(
        page=page,
        contributor_name=form.cleaned_data["contributor_name"],
        contributor_email=form.cleaned_data["contributor_email"],
        address_hash=hashed_address,
    )
