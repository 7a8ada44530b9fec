"""The demo practices and glossary as search documents and synonyms, read straight from
`fixtures/` through the exchange parser (no database needed), for engine tests."""

import functools
from pathlib import Path

import yaml

from search.base import DifficultyText, SearchDocument, SynonymGroup
from search.documents import plain
from wiki.exchange.parse import read_practice_file
from wiki.models.practice import difficulty_anchor
from wiki.vocabulary import STAGES, THEMES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def document_from_file(page_id: int, path: Path) -> SearchDocument:
    data = read_practice_file(
        path,
        theme_slugs={slug for slug, _ in THEMES},
        stage_slugs={slug for slug, _, _ in STAGES},
    )
    return SearchDocument(
        page_id=page_id,
        slug=data.slug,
        url=f"/pratiques/{data.slug}/",
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


@functools.cache
def demo_documents() -> tuple[SearchDocument, ...]:
    files = sorted((FIXTURES / "practices").glob("*.md"))
    return tuple(document_from_file(number, path) for number, path in enumerate(files, start=1))


@functools.cache
def demo_synonyms() -> tuple[SynonymGroup, ...]:
    groups = []
    for entry in yaml.safe_load((FIXTURES / "glossary.yaml").read_text(encoding="utf-8")):
        words = [entry["term"], entry.get("expansion") or "", *(entry.get("synonyms") or [])]
        unique = tuple(dict.fromkeys(word.strip() for word in words if word.strip()))
        if len(unique) > 1:
            groups.append(SynonymGroup(unique))
    return tuple(groups)
