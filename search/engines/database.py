"""The database engine: full text in SQLite FTS5 or PostgreSQL, over terms analysed in Python.

Terms are analysed by `search.analysis` (elision, lowercase, French stop words, accent
folding, light stemming), the same chain as the Elasticsearch-family engine. Synonyms come
from the glossary and are expanded at query time; typos are matched against the index's own
vocabulary. It is the embedded default and the fallback of every other engine.
"""

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from itertools import islice

import orjson
from django.db import connection, transaction

from search.analysis import fold
from search.base import (
    FACET_NAMES,
    DifficultyText,
    SearchDocument,
    SearchEngine,
    SearchHit,
    SearchQuery,
    SearchResults,
    SynonymGroup,
)
from search.engines.database_facets import FacetIndex
from search.engines.database_fulltext import fulltext_for
from search.highlighting import MatchPlan, analyse_document, describe_hit, section_terms
from search.models import EngineState, SearchEntry, SearchFacet

INDEX_STATE = "database-index"
SYNONYM_STATE = "synonyms"
BATCH_SIZE = 500
# Up to this many ranked pages are checked against the facet bitmap one by one; longer lists
# against the set of its members (testing a bit of a large integer copies it).
SHORT_LIST = 64


def document_from_json(data: dict) -> SearchDocument:
    difficulties = [DifficultyText(**item) for item in data.get("difficulties", [])]
    fields = {key: value for key, value in data.items() if key != "terms"}
    return SearchDocument(**{**fields, "difficulties": difficulties})


def batched(items: Iterable, size: int) -> Iterator[tuple]:
    iterator = iter(items)
    while batch := tuple(islice(iterator, size)):
        yield batch


def fulltext_columns(analysed: dict) -> dict[str, str]:
    """The five weighted columns, as space-separated analysed terms."""

    def joined(tokens) -> str:
        return " ".join(token.term for token in tokens)

    other = " ".join(
        joined(tokens)
        for key, tokens in analysed.items()
        if key not in ("title", "summary", "memo", "difficulties")
    )
    difficulties = [term for pair in analysed["difficulties"] for terms in pair for term in terms]
    return {
        "title": joined(analysed["title"]),
        "summary": joined(analysed["summary"]),
        "difficulties": " ".join(difficulties),
        "memo": joined(analysed.get("memo", [])),
        "body": other,
    }


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self) -> None:
        self.fulltext = fulltext_for(connection.vendor)
        self._vocabulary: tuple[int, frozenset[str]] | None = None
        self._synonyms: tuple[int, list[SynonymGroup]] | None = None
        self._facets: tuple[int, FacetIndex] | None = None

    # Writing -----------------------------------------------------------------------------

    def index_documents(self, documents: Iterable[SearchDocument]) -> int:
        written = 0
        with transaction.atomic():
            for batch in batched(documents, BATCH_SIZE):
                self._write_batch(batch)
                written += len(batch)
            if written:
                self._bump(INDEX_STATE)
        return written

    def _write_batch(self, documents: tuple[SearchDocument, ...]) -> None:
        """Replace these documents: entries, facet rows and full-text rows, in bulk."""
        ids = [document.page_id for document in documents]
        self.fulltext.delete(ids)
        SearchEntry.objects.filter(page_id__in=ids).delete()
        entries, facets, rows = [], [], []
        for document in documents:
            analysed = analyse_document(document)
            entries.append(
                SearchEntry(
                    page_id=document.page_id,
                    title=document.title[:255],
                    folded_title=fold(document.title)[:255],
                    document={**asdict(document), "terms": section_terms(analysed)},
                )
            )
            facets += [
                SearchFacet(entry_id=document.page_id, facet=facet, value=value)
                for facet, value in facet_values(document)
            ]
            rows.append((document.page_id, fulltext_columns(analysed)))
        SearchEntry.objects.bulk_create(entries)
        SearchFacet.objects.bulk_create(facets)
        self.fulltext.write_many(rows)

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        ids = list(page_ids)
        if not ids:
            return
        with transaction.atomic():
            self.fulltext.delete(ids)
            SearchEntry.objects.filter(page_id__in=ids).delete()
            self._bump(INDEX_STATE)

    def rebuild(self, documents: Iterable[SearchDocument], synonyms: list[SynonymGroup]) -> int:
        with transaction.atomic():
            self.fulltext.clear()
            SearchEntry.objects.all().delete()
            self.set_synonyms(synonyms)
            written = self.index_documents(documents)
            self.fulltext.optimize()
            return written

    def drop_index(self) -> None:
        with transaction.atomic():
            self.fulltext.clear()
            SearchEntry.objects.all().delete()
            self._bump(INDEX_STATE)

    def set_synonyms(self, synonyms: list[SynonymGroup]) -> None:
        state, _ = EngineState.objects.get_or_create(name=SYNONYM_STATE)
        state.payload = [list(group.words) for group in synonyms]
        state.version = new_version()
        state.save()

    def indexed_ids(self) -> set[int]:
        return set(SearchEntry.objects.values_list("page_id", flat=True))

    def _bump(self, name: str) -> None:
        """A new random version, not a counter: after a rolled-back write, a counter would
        hand the next write a number some process already cached other content under."""
        EngineState.objects.update_or_create(name=name, defaults={"version": new_version()})

    # Reading -----------------------------------------------------------------------------

    def state_versions(self) -> dict[str, int]:
        return dict(
            EngineState.objects.filter(name__in=(INDEX_STATE, SYNONYM_STATE)).values_list(
                "name", "version"
            )
        )

    def vocabulary(self, version: int) -> frozenset[str]:
        if self._vocabulary is None or self._vocabulary[0] != version:
            self._vocabulary = (version, frozenset(self.fulltext.vocabulary()))
        return self._vocabulary[1]

    def synonyms(self, version: int) -> list[SynonymGroup]:
        if self._synonyms is None or self._synonyms[0] != version:
            state = EngineState.objects.filter(name=SYNONYM_STATE).first()
            groups = [SynonymGroup(tuple(words)) for words in (state.payload if state else [])]
            self._synonyms = (version, groups)
        return self._synonyms[1]

    def facet_index(self, version: int) -> FacetIndex:
        if self._facets is None or self._facets[0] != version:
            rows = SearchFacet.objects.values_list("entry_id", "facet", "value")
            entries = SearchEntry.objects.values_list("page_id", flat=True)
            self._facets = (version, FacetIndex(rows.iterator(), entries.iterator()))
        return self._facets[1]

    def match_plan(self, text: str) -> tuple[MatchPlan, int]:
        """The query's plan (typo variants from this index's words, glossary synonyms) and
        the index version it was made for."""
        versions = self.state_versions()
        index_version = versions.get(INDEX_STATE, 0)
        plan = MatchPlan.build(
            text,
            vocabulary=self.vocabulary(index_version),
            synonyms=self.synonyms(versions.get(SYNONYM_STATE, 0)),
        )
        return plan, index_version

    def plan(self, text: str) -> MatchPlan:
        """The query's plan, for another engine (a HitDescriber)."""
        return self.match_plan(text)[0]

    def describe_hits(
        self, plan: MatchPlan, scored: list[tuple[int, float]]
    ) -> dict[int, SearchHit]:
        """These pages' hits, from the documents stored here (this engine's results, and
        another engine's as a HitDescriber)."""
        documents = stored_documents([page_id for page_id, _score in scored])
        return {
            page_id: describe_hit(
                document_from_json(documents[page_id]), score, plan, documents[page_id].get("terms")
            )
            for page_id, score in scored
            if page_id in documents
        }

    def search(self, query: SearchQuery) -> SearchResults:
        plan, index_version = self.match_plan(query.text)
        if plan.is_empty and query.text.strip():
            return SearchResults(query, self.name, 0, [], empty_facets())
        facets = self.facet_index(index_version)
        filters = query.facet_filters()
        allowed = facets.allowed(filters)
        # Full-text rows without an entry (a database flushed under the FTS table) never count.
        allowed = facets.known if allowed is None else allowed & facets.known

        allowed_ids: set[int] = set()

        def passing(pairs: list[tuple[int, float]]) -> list[tuple[int, float]]:
            if len(pairs) <= SHORT_LIST:
                return [pair for pair in pairs if facets.contains(allowed, pair[0])]
            if not allowed_ids:
                allowed_ids.update(facets.members(allowed))
            return [pair for pair in pairs if pair[0] in allowed_ids]

        if plan.is_empty:  # no words: every practice, by title
            ordered = SearchEntry.objects.order_by("folded_title")
            matched_ids = list(ordered.values_list("page_id", flat=True))
            ranked = passing([(page_id, 0.0) for page_id in matched_ids])
        else:
            section = "difficulties" if query.section == "difficulties" else None
            matched_ids = self.fulltext.match_ids(plan, section)
            # Pages matching in the weighted sections come first; the others follow, ranked
            # only when a page of results reaches them (so broad queries stay fast).
            # Without filters only the pages up to this one need ranking.
            limit = None if any(filters.values()) else query.offset + query.page_size
            ranked = passing(self.fulltext.ranked(plan, section, weighted_only=True, limit=limit))
            if len(ranked) < query.offset + query.page_size and len(ranked) < len(matched_ids):
                # Unlimited here: the pages after the weighted ones are needed in full order.
                first = {page_id for page_id, _score in ranked}
                everything = self.fulltext.ranked(plan, section, weighted_only=False)
                ranked += passing([pair for pair in everything if pair[0] not in first])
        matched = facets.bitmap(matched_ids) & facets.known
        total = (matched & allowed).bit_count()
        page = ranked[query.offset : query.offset + query.page_size]
        described = self.describe_hits(plan, page)
        hits = [described[page_id] for page_id, _score in page if page_id in described]
        counts = facets.counts(matched, filters)
        return SearchResults(query, self.name, total, hits, counts)


def stored_documents(page_ids: list[int]) -> dict[int, dict]:
    """The stored documents of these pages, by page id: one plain query, the JSON decoded
    by orjson (the ORM and the standard json module were a fifth of a search's time)."""
    if not page_ids:
        return {}
    table = connection.ops.quote_name(SearchEntry._meta.db_table)
    placeholders = ", ".join(["%s"] * len(page_ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT page_id, document FROM {table} WHERE page_id IN ({placeholders})",
            page_ids,
        )
        return {
            page_id: document if isinstance(document, dict) else orjson.loads(document)
            for page_id, document in cursor.fetchall()
        }


def new_version() -> int:
    return secrets.randbits(62)


def facet_values(document: SearchDocument) -> list[tuple[str, str]]:
    values = [("themes", slug) for slug in document.themes]
    values += [("audience", slug) for slug in document.audience]
    values += [("levels", slug) for slug in document.levels]
    if document.stage:
        values.append(("stage", document.stage))
    return values


def empty_facets() -> dict[str, dict[str, int]]:
    return {name: {} for name in FACET_NAMES}
