"""From a practice page to the SearchDocument every engine indexes (plain text, public only)."""

import re
from html import unescape

from django.utils.html import strip_tags

from search.base import DifficultyText, SearchDocument
from wiki.exchange.data import PracticeData
from wiki.exchange.pages import page_to_data
from wiki.listing import public_practices
from wiki.models import PracticePage
from wiki.models.practice import difficulty_anchor

BLOCK_END = re.compile(r"</(?:p|li|h3|h4)>|<br\s*/?>")


def plain(html: str) -> str:
    """Rich text to plain text, keeping block boundaries as spaces."""
    return " ".join(unescape(strip_tags(BLOCK_END.sub(" ", html or ""))).split())


def public_ids() -> set[int]:
    """Practices a visitor may read: the only ones ever indexed."""
    return set(public_practices().values_list("pk", flat=True))


def document_from_data(page_id: int, url: str, data: PracticeData) -> SearchDocument:
    """A practice in the exchange format's structure, as the engines index it."""
    return SearchDocument(
        page_id=page_id,
        slug=data.slug,
        url=url,
        title=data.title,
        summary=data.summary,
        themes=data.themes,
        audience=data.audience,
        stage=data.stage,
        levels=data.levels,
        sections={
            "context": plain(data.context),
            "objectives": plain(data.objectives),
            "ingredients": plain(data.ingredients),
            "steps": " · ".join(f"{step.title}. {plain(step.text)}" for step in data.steps),
            "what_worked": plain(data.what_worked),
            "memo": " · ".join(data.memo),
            "quotes": " · ".join(f"« {quote.text} » {quote.who}" for quote in data.quotes),
            "resources": " · ".join(resource.label for resource in data.resources),
        },
        difficulties=[
            DifficultyText(
                anchor=difficulty_anchor(item.question, position),
                question=item.question,
                answer=plain(item.answer),
            )
            for position, item in enumerate(data.difficulties)
        ],
    )


def practice_document(page: PracticePage) -> SearchDocument:
    return document_from_data(page.pk, page.url or f"/pratiques/{page.slug}/", page_to_data(page))


def indexable_practices():
    """The public practices (wiki.listing's rule), with what their documents need."""
    return (
        public_practices()
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
    practices = indexable_practices()
    for start in range(0, practices.count(), 200):
        for page in practices[start : start + 200]:
            yield practice_document(page)
