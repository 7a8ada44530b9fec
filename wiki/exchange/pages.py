"""Between the exchange format and practice pages: PracticeData ⇄ PracticePage."""

import re
from dataclasses import replace

from django.db import transaction
from wagtail.models import ReferenceIndex
from wagtail.rich_text import expand_db_html
from wagtail.signal_handlers import disable_reference_index_auto_update

from wiki.exchange.data import Difficulty, PracticeData, Quote, Resource, Step
from wiki.models import (
    Audience,
    Level,
    PracticeDifficulty,
    PracticeIndexPage,
    PracticeMemoItem,
    PracticePage,
    PracticePartner,
    PracticeQuote,
    PracticeResource,
    PracticeStep,
    Stage,
    Theme,
)
from wiki.site_urls import absolute_url

RELATIVE_HREF = re.compile(r'href="(/[^"]*)"')


def absolute(url: str) -> str:
    """The exchange format takes only absolute links: site-relative ones get the site's."""
    return absolute_url(url) if url.startswith("/") else url


def exported_html(html: str) -> str:
    """Rich text as a reader sees it (internal links expanded), with absolute links."""
    return RELATIVE_HREF.sub(
        lambda match: f'href="{absolute(match.group(1))}"', expand_db_html(html or "")
    )


def page_to_data(page: PracticePage) -> PracticeData:
    """Read a page (live or a revision's object) into the exchange format's structure."""
    return PracticeData(
        title=page.title,
        slug=page.slug,
        summary=page.summary,
        themes=[theme.slug for theme in page.themes.all()],
        audience=[audience.slug for audience in page.audiences.all()],
        stage=page.stage.slug if page.stage_id else "",
        levels=[level.slug for level in page.levels.all()],
        structure=page.structure,
        territory=page.territory,
        partners=[partner.name for partner in page.partners.all()],
        context=exported_html(page.context),
        objectives=exported_html(page.objectives),
        ingredients=exported_html(page.ingredients),
        what_worked=exported_html(page.what_worked),
        steps=[Step(step.title, exported_html(step.text)) for step in page.steps.all()],
        difficulties=[
            Difficulty(item.question, exported_html(item.answer))
            for item in page.difficulties.all()
        ],
        memo=[item.text for item in page.memo_items.all()],
        quotes=[Quote(quote.text, quote.who) for quote in page.quotes.all()],
        resources=[Resource(resource.label, resource.href) for resource in page.resources.all()],
    )


def in_canonical_order(data: PracticeData) -> PracticeData:
    """Facets are sets on a page: order them as the taxonomy does, so comparisons hold."""

    def slugs(model, values: list[str]) -> list[str]:
        return list(model.objects.filter(slug__in=values).values_list("slug", flat=True))

    return replace(
        data,
        themes=slugs(Theme, data.themes),
        audience=slugs(Audience, data.audience),
        levels=slugs(Level, data.levels),
    )


def fill_page(page: PracticePage, data: PracticeData) -> None:
    """Copy every field and child list of `data` onto `page`, in memory (nothing saved)."""
    page.title = data.title
    page.draft_title = data.title
    page.slug = data.slug
    page.summary = data.summary
    page.context = data.context
    page.objectives = data.objectives
    page.ingredients = data.ingredients
    page.what_worked = data.what_worked
    page.structure = data.structure
    page.territory = data.territory
    page.stage = Stage.objects.get(slug=data.stage) if data.stage else None
    page.themes = Theme.objects.filter(slug__in=data.themes)
    page.audiences = Audience.objects.filter(slug__in=data.audience)
    page.levels = Level.objects.filter(slug__in=data.levels)
    page.partners = in_order(PracticePartner(name=name) for name in data.partners)
    page.steps = in_order(PracticeStep(title=step.title, text=step.text) for step in data.steps)
    page.difficulties = in_order(
        PracticeDifficulty(question=item.question, answer=item.answer) for item in data.difficulties
    )
    page.memo_items = in_order(PracticeMemoItem(text=text) for text in data.memo)
    page.quotes = in_order(PracticeQuote(text=quote.text, who=quote.who) for quote in data.quotes)
    page.resources = in_order(
        PracticeResource(label=resource.label, url=resource.url) for resource in data.resources
    )


def in_order(children) -> list:
    """Number ordered children as the admin does, so their order survives any database."""
    numbered = list(children)
    for position, child in enumerate(numbered):
        child.sort_order = position
    return numbered


@transaction.atomic
def save_practice(data: PracticeData, index: PracticeIndexPage, user=None) -> str:
    """Create or update the practice with `data.slug` under `index` and publish it.

    Returns "created", "updated" or "unchanged". An update makes a new revision of the
    existing page (never a second page); identical content makes none.
    """
    existing = PracticePage.objects.child_of(index).filter(slug=data.slug).first()
    if existing is not None:
        current = existing.get_latest_revision_as_object()
        if (
            page_to_data(current) == in_canonical_order(data)
            and existing.live
            and not existing.has_unpublished_changes
        ):
            return "unchanged"
        page = existing
        outcome = "updated"
    else:
        page = PracticePage(live=False)
        outcome = "created"
    fill_page(page, data)
    # Every child row saved would re-index the whole page's references: do it once, after.
    with disable_reference_index_auto_update():
        if existing is None:
            index.add_child(instance=page)
        page.full_clean()
        revision = page.save_revision(user=user, log_action=True)
        # The import is an operator's command: the user only signs the revision.
        revision.publish(user=user, skip_permission_checks=True)
    ReferenceIndex.create_or_update_for_object(page)
    return outcome
