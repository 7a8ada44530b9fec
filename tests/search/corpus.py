"""The demo practices and glossary as search documents and synonyms, read straight from
`fixtures/` through the exchange parser (no database needed), for engine tests."""

import functools
from pathlib import Path

import yaml

from search.base import SearchDocument, SynonymGroup
from search.documents import document_from_data
from wiki.exchange.parse import read_practice_file
from wiki.vocabulary import STAGES, THEMES

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def document_from_file(page_id: int, path: Path) -> SearchDocument:
    data = read_practice_file(
        path,
        theme_slugs={slug for slug, _ in THEMES},
        stage_slugs={slug for slug, _, _ in STAGES},
    )
    return document_from_data(page_id, f"/pratiques/{data.slug}/", data)


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
