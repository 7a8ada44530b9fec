"""The one search service the site calls: picks the configured engine, falls back to the
database engine when it is down or slow, and keeps every engine in step with the pages.
"""

import logging
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from search.base import EngineUnavailable, SearchEngine, SearchQuery, SearchResults
from search.documents import all_documents, indexable_practices, practice_document, public_ids
from search.engines.database import DatabaseEngine
from search.models import MissedUpdate
from search.synonyms import glossary_synonyms

logger = logging.getLogger(__name__)
REMOTE_ENGINES = ("elasticsearch", "opensearch")


@lru_cache(maxsize=1)
def database_engine() -> DatabaseEngine:
    return DatabaseEngine()


@lru_cache(maxsize=1)
def remote_engine() -> SearchEngine | None:
    """The Elasticsearch-family engine when `SEARCH_ENGINE` names one, else None."""
    if settings.SEARCH_ENGINE not in REMOTE_ENGINES:
        return None
    from search.engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine(
        settings.SEARCH_URL,
        flavour=settings.SEARCH_ENGINE,
        index_name=settings.SEARCH_INDEX,
        timeout=settings.SEARCH_TIMEOUT,
        # The query's plan and the hits' highlights and difficulties come from the database
        # engine's index (it is kept in step as the fallback): the same hits on every
        # engine, faster than the node's highlighter, and typos sought only for words the
        # index does not know.
        describer=database_engine(),
    )


def engines() -> list[SearchEngine]:
    remote = remote_engine()
    return [database_engine(), remote] if remote else [database_engine()]


def search(query: SearchQuery) -> SearchResults:
    remote = remote_engine()
    if remote is not None:
        try:
            return remote.search(query)
        except EngineUnavailable as error:
            logger.warning("search engine unavailable, answering from the database: %s", error)
            results = database_engine().search(query)
            results.degraded = True
            return results
    return database_engine().search(query)


# Keeping the engines in step ---------------------------------------------------------------


def write_to(engine: SearchEngine, action: str, page_id: int | None, operation) -> bool:
    """Run one index operation; if a remote engine fails, record it for `sync` instead."""
    if engine is database_engine():
        operation()
        return True
    try:
        operation()
    except EngineUnavailable as error:
        MissedUpdate.objects.create(
            engine=engine.name, page_id=page_id, action=action, reason=str(error)[:300]
        )
        logger.warning("%s missed %s of page %s: %s", engine.name, action, page_id, error)
        return False
    return True


def sync_page(page_id: int) -> None:
    """Index a practice if it is public now, remove it from every index otherwise."""
    page = indexable_practices().filter(pk=page_id).first()
    if page is not None:
        document = practice_document(page)
        for engine in engines():
            write_to(engine, "index", page_id, lambda e=engine: e.index_documents([document]))
    else:
        remove_page(page_id)


def remove_page(page_id: int) -> None:
    for engine in engines():
        write_to(engine, "delete", page_id, lambda e=engine: e.delete_documents([page_id]))


def refresh_synonyms() -> None:
    synonyms = glossary_synonyms()
    for engine in engines():
        write_to(engine, "synonyms", None, lambda e=engine: e.set_synonyms(synonyms))


@dataclass
class SyncReport:
    replayed: int
    indexed: int
    removed: int
    still_missing: int


def sync() -> SyncReport:
    """Bring every engine in line with the public practices: replay what was missed, then
    index what is absent and remove what should not be there."""
    replayed = 0
    if MissedUpdate.objects.filter(action="synonyms").exists():
        refresh_synonyms()
        MissedUpdate.objects.filter(action="synonyms").delete()
        replayed += 1
    public = public_ids()
    indexed = removed = 0
    for engine in engines():
        present = engine.indexed_ids()
        missed = set(
            MissedUpdate.objects.filter(engine=engine.name, page_id__isnull=False).values_list(
                "page_id", flat=True
            )
        )
        to_index = (public - present) | (missed & public)
        to_remove = (present - public) | (missed - public)
        documents = [
            practice_document(page) for page in indexable_practices().filter(pk__in=to_index)
        ]
        engine.index_documents(documents)
        engine.delete_documents(to_remove)
        replayed += len(missed)
        indexed += len(documents)
        removed += len(to_remove)
        MissedUpdate.objects.filter(engine=engine.name).delete()
    return SyncReport(replayed, indexed, removed, MissedUpdate.objects.count())


def rebuild(progress=None) -> dict[str, int]:
    """Recreate every engine's index from the public practices. `progress(done, total)`."""
    total = indexable_practices().count()
    synonyms = glossary_synonyms()
    counts = {}
    for engine in engines():

        def counted(engine_name=engine.name):
            for done, document in enumerate(all_documents(), start=1):
                if progress:
                    progress(engine_name, done, total)
                yield document

        counts[engine.name] = engine.rebuild(counted(), synonyms)
        MissedUpdate.objects.filter(engine=engine.name).delete()
    return counts


def status() -> list[dict]:
    public_count = len(public_ids())
    rows = []
    for engine in engines():
        row = {"engine": engine.name, "public_practices": public_count, "reachable": engine.ping()}
        try:
            row["indexed"] = len(engine.indexed_ids())
        except EngineUnavailable as error:
            row["indexed"] = None
            row["error"] = str(error)
        row["missed_updates"] = MissedUpdate.objects.filter(engine=engine.name).count()
        rows.append(row)
    return rows


@receiver(setting_changed)
def forget_engines(setting: str, **kwargs) -> None:
    """Tests and management commands may switch engines at run time."""
    if setting.startswith("SEARCH_") or setting == "DATABASES":
        database_engine.cache_clear()
        remote_engine.cache_clear()
