"""From a practice page to the SearchDocument every engine indexes (plain text, public only)."""

import re
from html import unescape

from django.utils.html import strip_tags

from search.base import DifficultyText, SearchDocument
from wiki.models import PracticePage

BLOCK_END = re.compile(r"</(?:p|li|h3|h4)>|<br\s*/?>")


def plain(html: str) -> str:
    """Rich text to plain text, keeping block boundaries as spaces."""
    return " ".join(unescape(strip_tags(BLOCK_END.sub(" ", html or ""))).split())


def public_ids() -> set[int]:
    """Practices a visitor may read: live and under no view restriction."""
    return set(PracticePage.objects.live().public().values_list("pk", flat=True))


def practice_document(page: PracticePage) -> SearchDocument:
    return SearchDocument(
        page_id=page.pk,
        slug=page.slug,
        url=page.url or f"/pratiques/{page.slug}/",
        title=page.title,
        summary=page.summary,
        themes=[theme.slug for theme in page.themes.all()],
        audience=[audience.slug for audience in page.audiences.all()],
        stage=page.stage.slug if page.stage_id else "",
        levels=[level.slug for level in page.levels.all()],
        sections={
            "context": plain(page.context),
            "objectives": plain(page.objectives),
            "ingredients": plain(page.ingredients),
            "steps": " · ".join(f"{step.title}. {plain(step.text)}" for step in page.steps.all()),
            "what_worked": plain(page.what_worked),
            "memo": " · ".join(item.text for item in page.memo_items.all()),
            "quotes": " · ".join(f"« {quote.text} » {quote.who}" for quote in page.quotes.all()),
            "resources": " · ".join(resource.label for resource in page.resources.all()),
        },
        difficulties=[
            DifficultyText(anchor=item.anchor, question=item.question, answer=plain(item.answer))
            for item in page.difficulties.all()
        ],
    )


def public_practices():
    """Live practices under no view restriction (`public()`), with what documents need."""
    return (
        PracticePage.objects.live()
        .public()
        .select_related("stage")
        .prefetch_related(
            "themes",
            "audiences",
            "levels",
            "steps",
            "difficulties",
            "memo_items",
            "quotes",
            "resources",
        )
        .order_by("pk")
    )


def all_documents():
    """Every public practice as a document, streamed in batches of 200."""
    practices = public_practices()
    for start in range(0, practices.count(), 200):
        for page in practices[start : start + 200]:
            yield practice_document(page)
