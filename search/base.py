"""The contract of the thematic search: what is indexed, what is asked, what comes back, and
the interface every engine implements (the database engine and the Elasticsearch-family one).

The same contract holds on every engine; `tests/search/` checks it once per engine.
"""

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from search.highlighting import MatchPlan

# Search "sections": where a match can be. Keys, French labels, and their weight order
# (title > summary > difficulties > memo > other sections).
SECTION_LABELS = {
    "title": "Titre",
    "summary": "En une phrase",
    "difficulties": "Difficultés et réponses",
    "memo": "Mémo : à ne pas oublier",
    "context": "Le point de départ",
    "objectives": "Objectifs",
    "ingredients": "Les ingrédients",
    "steps": "Les étapes",
    "what_worked": "Ce qui a marché",
    "quotes": "Paroles d'acteurs",
    "resources": "Ressources",
}
SECTION_WEIGHTS = {"title": 10.0, "summary": 5.0, "difficulties": 3.0, "memo": 2.0}
OTHER_WEIGHT = 1.0
OTHER_SECTIONS = (
    "context",
    "objectives",
    "ingredients",
    "steps",
    "what_worked",
    "quotes",
    "resources",
)

FACET_NAMES = ("themes", "audience", "stage", "levels")
PAGE_SIZE = 20


@dataclass(frozen=True)
class DifficultyText:
    anchor: str  # the id of the difficulty on the practice page ("difficulte-…")
    question: str  # plain text
    answer: str  # plain text


@dataclass
class SearchDocument:
    """One public, live practice as every engine indexes it. Plain text only."""

    page_id: int
    slug: str
    url: str
    title: str
    summary: str
    themes: list[str]
    audience: list[str]
    stage: str
    levels: list[str]
    # Plain text of the other sections, keyed as in SECTION_LABELS (context, objectives,
    # ingredients, steps, what_worked, memo, quotes, resources).
    sections: dict[str, str]
    difficulties: list[DifficultyText] = field(default_factory=list)


@dataclass
class SearchQuery:
    text: str
    themes: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    levels: list[str] = field(default_factory=list)
    section: str | None = None  # None (everywhere) or "difficulties"
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def facet_filters(self) -> dict[str, list[str]]:
        return {
            "themes": self.themes,
            "audience": self.audience,
            "stage": self.stage,
            "levels": self.levels,
        }


@dataclass
class Highlight:
    section: str  # French label from SECTION_LABELS
    text: str  # HTML: escaped text with matched words in <mark>…</mark>


@dataclass
class DifficultyHit:
    question: str  # plain text
    answer: str  # plain text
    anchor: str


@dataclass
class SearchHit:
    page_id: int
    slug: str
    title: str
    url: str
    summary: str
    score: float
    highlights: list[Highlight] = field(default_factory=list)
    difficulty: DifficultyHit | None = None


class HitDescriber(Protocol):
    """What the Elasticsearch-family engine asks of the database engine, which holds every
    practice analysed already: the query's plan, and the hits described from it."""

    def plan(self, text: str) -> "MatchPlan":
        """The query's clauses, with the words the index does not know."""

    def describe_hits(
        self, plan: "MatchPlan", scored: list[tuple[int, float]]
    ) -> dict[int, SearchHit]:
        """Page ids with their scores, best first -> those pages' hits, with highlights and
        the matching difficulty (the pages it knows; the caller describes the rest)."""


@dataclass
class SearchResults:
    query: SearchQuery
    engine: str
    total: int
    hits: list[SearchHit]
    # facet name -> {slug: count}, counted over the query's matches with the other facets'
    # filters applied (a facet's own filter does not narrow its own counts).
    facets: dict[str, dict[str, int]]
    degraded: bool = False  # answered by the fallback engine


@dataclass(frozen=True)
class SynonymGroup:
    """Words that mean the same for the search: a glossary term, its expansion, synonyms."""

    words: tuple[str, ...]


class EngineUnavailable(Exception):
    """The engine cannot be reached or did not answer in time."""


class SearchEngine(ABC):
    name: str = "abstract"

    @abstractmethod
    def index_documents(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace these documents; return how many were written."""

    @abstractmethod
    def delete_documents(self, page_ids: Iterable[int]) -> None:
        """Remove these pages from the index (missing ones are ignored)."""

    @abstractmethod
    def rebuild(self, documents: Iterable[SearchDocument], synonyms: list[SynonymGroup]) -> int:
        """Drop and recreate the whole index with these synonyms and documents."""

    @abstractmethod
    def set_synonyms(self, synonyms: list[SynonymGroup]) -> None:
        """Replace the synonym groups used by searches from now on."""

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Best matches first, at most query.page_size from query.offset, with facets."""

    @abstractmethod
    def indexed_ids(self) -> set[int]:
        """The page ids present in the index (for status and sync)."""

    @abstractmethod
    def drop_index(self) -> None:
        """Remove the whole index (its documents and settings)."""

    def ping(self) -> bool:
        return True
