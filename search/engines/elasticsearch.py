"""The Elasticsearch-family engine: one index of practices on OpenSearch or Elasticsearch 8.

Mappings, settings and query bodies are built with `elasticsearch.dsl` and sent as plain dicts
through the flavour's own client (opensearch-py or elasticsearch 8), so both servers receive the
same bodies. French analysis and synonyms live in `elasticsearch_analysis`.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from elasticsearch.dsl import Index, Mapping, Q, Search
from elasticsearch.dsl.field import Integer, Keyword, Nested, Text

from search.base import (
    FACET_NAMES,
    OTHER_SECTIONS,
    OTHER_WEIGHT,
    SECTION_WEIGHTS,
    DifficultyText,
    EngineUnavailable,
    HitDescriber,
    SearchDocument,
    SearchEngine,
    SearchHit,
    SearchQuery,
    SearchResults,
    SynonymGroup,
)
from search.engines.elasticsearch_analysis import (
    analysis_settings,
    index_analyzer,
    search_analyzer,
    sort_normalizer,
    unstemmed_index_analyzer,
    unstemmed_search_analyzer,
)
from search.highlighting import MatchPlan, describe_hit

FLAVOURS = ("opensearch", "elasticsearch")

# The sections of the practice itself (SearchDocument.sections holds those after the summary);
# difficulties are nested, and searched apart.
BODY_SECTIONS = ("memo", *OTHER_SECTIONS)
# Question and answer of every difficulty are copied into one root field too, which scores
# them (weight of difficulties) without a nested query over every match; the nested
# difficulties only serve the search limited to "Difficultés et réponses".
DIFFICULTY_TEXT = "difficulty_text"
# The weighted sections score on top of `everything` (below), which every match scores on:
# the other sections (OTHER_WEIGHT) score through it alone. A weighted `body` field of their
# own cost a fifth of a broad search's time at 10,000 practices (it matches most of them)
# for no change in the judged rankings.
SCORED_SECTIONS = ("title", "summary", DIFFICULTY_TEXT, "memo")
FIELD_WEIGHTS = {**SECTION_WEIGHTS, DIFFICULTY_TEXT: SECTION_WEIGHTS["difficulties"]}
DIFFICULTY_FIELDS = ("difficulties.question", "difficulties.answer")

# All the text of a practice, and of each difficulty, is also copied into one `everything`
# field. Whether a practice matches is decided there, so that words spread over the title and
# the body count together; how well it matches (the score) comes from the weighted sections.
EVERYTHING = "everything"
# Every text field has an `unstemmed` subfield: typos are forgiven on whole words, stems are
# too short for it (stemmed, "collège" and "colère" are one letter apart).
UNSTEMMED = "unstemmed"

# Every word of a one- or two-word query must be found; from three words on, three in four
# are enough, so a long question in the user's own words still finds the practice.
MINIMUM_SHOULD_MATCH = "2<75%"
# No typo forgiven under five letters (too many false friends), one up to seven letters, two
# from eight; the first letter must be right.
TYPO_OPTIONS = {"fuzziness": "AUTO:5,8", "prefix_length": 1}
# best_fields scores a practice by its best section, plus this share of the others: a title
# match stays ahead of the same words scattered through the body.
TIE_BREAKER = 0.3
PHRASE_SLOP = 2

FACET_SIZE = 50
BULK_CHUNK_SIZE = 200
SCAN_PAGE_SIZE = 1000
# A page saved while the node is slow must not wait (SEARCH_TIMEOUT, then `sync` catches up),
# but a rebuild is run on purpose: its batches may take longer while the node merges segments.
REBUILD_TIMEOUT = 60.0
INDEX_NOT_FOUND = "index_not_found_exception"
INDEX_CLOSED = "index_closed_exception"


def practice_mapping(synonyms: list[SynonymGroup]) -> Mapping:
    def french_text(typos: bool = True, **options: Any) -> Text:
        unstemmed = Text(
            analyzer=unstemmed_index_analyzer(),
            search_analyzer=unstemmed_search_analyzer(synonyms),
        )
        subfields = {UNSTEMMED: unstemmed} if typos else {}
        return Text(
            analyzer=index_analyzer(),
            search_analyzer=search_analyzer(synonyms),
            fields={**subfields, **options.pop("fields", {})},
            **options,
        )

    in_everything = {"copy_to": EVERYTHING}
    in_both_everythings = {"copy_to": [EVERYTHING, f"difficulties.{EVERYTHING}", DIFFICULTY_TEXT]}
    mapping = Mapping()
    mapping.meta("dynamic", "strict")
    mapping.field("page_id", Integer())
    mapping.field("slug", Keyword())
    mapping.field("url", Keyword(index=False))
    mapping.field(
        "title",
        french_text(fields={"sort": Keyword(normalizer=sort_normalizer())}, **in_everything),
    )
    for section in ("summary", *BODY_SECTIONS):
        mapping.field(section, french_text(**in_everything))
    # Typos are matched on `everything`: the difficulties' text needs no whole-word subfield.
    mapping.field(DIFFICULTY_TEXT, french_text(typos=False))
    mapping.field(
        "difficulties",
        Nested(
            properties={
                "question": french_text(**in_both_everythings),
                "answer": french_text(**in_both_everythings),
                "anchor": Keyword(),
                EVERYTHING: french_text(),
            }
        ),
    )
    mapping.field(EVERYTHING, french_text())
    for facet in FACET_NAMES:
        mapping.field(facet, Keyword())
    return mapping


def index_definition(name: str, synonyms: list[SynonymGroup]) -> dict:
    """The body that creates the index: one shard, no replica, French analysis, the mapping."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.mapping(practice_mapping(synonyms))
    return index.to_dict()


def document_source(document: SearchDocument) -> dict:
    source = {
        "page_id": document.page_id,
        "slug": document.slug,
        "url": document.url,
        "title": document.title,
        "summary": document.summary,
        "themes": list(document.themes),
        "audience": list(document.audience),
        "stage": document.stage,
        "levels": list(document.levels),
        "difficulties": [
            {"question": d.question, "answer": d.answer, "anchor": d.anchor}
            for d in document.difficulties
        ],
    }
    for section in BODY_SECTIONS:
        source[section] = document.sections.get(section, "")
    return source


def _enough_words(text: str, everything: str, typos: bool) -> Q:
    """Whether it matches: enough of the words, as stems, or (`typos`) as whole words with a
    typo."""
    enough = {"query": text, "minimum_should_match": MINIMUM_SHOULD_MATCH}
    if not typos:
        return Q("match", **{everything: enough})
    return Q(
        "bool",
        should=[
            Q("match", **{everything: enough}),
            Q("match", **{f"{everything}.{UNSTEMMED}": {**enough, **TYPO_OPTIONS}}),
        ],
        minimum_should_match=1,
    )


def _weighted_words(text: str, fields: Iterable[str]) -> list[Q]:
    """How well it matches: the words found as stems, weighted by section (the words found
    with a typo score through _enough_words, on the combined field: fuzzy matching per
    section multiplied the expansions, and was most of a search's time)."""
    weighted = [(field, FIELD_WEIGHTS.get(field, OTHER_WEIGHT)) for field in fields]
    options = {"query": text, "type": "best_fields", "tie_breaker": TIE_BREAKER}
    stems = [f"{field}^{weight:g}" for field, weight in weighted]
    return [Q("multi_match", fields=stems, **options)]


def _difficulties_query(text: str, typos: bool) -> Q:
    return Q(
        "nested",
        path="difficulties",
        score_mode="max",
        # Question and answer count alike; the boost gives difficulties their section weight.
        boost=SECTION_WEIGHTS["difficulties"],
        query=Q(
            "bool",
            must=[_enough_words(text, f"difficulties.{EVERYTHING}", typos)],
            should=_weighted_words(text, DIFFICULTY_FIELDS),
        ),
    )


def text_query(text: str, section: str | None, typos: bool = True) -> Q:
    """Practices (or difficulties) with enough of the words, scored by where they are found:
    the weighted sections (the difficulties among them), the words as a phrase in the title
    or summary.

    `typos`: whether words a letter or two away count too. The site asks only when a word of
    the query is unknown to the index, as the database engine does: a word the index knows is
    not taken for a typo of another ("classe" does not find "clause"), and the typo clause
    was a third of a broad search's time on the node at 10,000 practices.
    """
    if section == "difficulties":
        return _difficulties_query(text, typos)
    phrases = [
        Q(
            "match_phrase",
            **{field: {"query": text, "slop": PHRASE_SLOP, "boost": SECTION_WEIGHTS[field]}},
        )
        for field in ("title", "summary")
    ]
    # Enough words is a scoring clause, not a filter: its typo-tolerant half also scores the
    # words found with a typo, which a second fuzzy clause did (each costs its expansions).
    return Q(
        "bool",
        must=[_enough_words(text, EVERYTHING, typos)],
        should=[*_weighted_words(text, SCORED_SECTIONS), *phrases],
    )


def _facet_filter(facet: str, values: list[str]) -> Q:
    return Q("terms", **{facet: values})


def build_search(query: SearchQuery, typos: bool = True) -> Search:
    """The whole request: matches, facet filters and disjunctive facet counts, the page's ids.

    An empty text lists every practice by title (whatever the section), within the filters.
    Facet filters go in post_filter, so that aggregations see every match; each facet's counts
    then apply the other facets' filters only.
    """
    search = Search()
    text = query.text.strip()
    if text:
        search = search.query(text_query(text, query.section, typos))
        search = search.sort({"_score": {"order": "desc"}}, {"title.sort": {"order": "asc"}})
    else:
        search = search.query(Q("match_all")).sort({"title.sort": {"order": "asc"}})

    active = {facet: values for facet, values in query.facet_filters().items() if values}
    if active:
        search = search.post_filter(
            Q("bool", filter=[_facet_filter(f, values) for f, values in active.items()])
        )
    for facet in FACET_NAMES:
        others = [_facet_filter(f, values) for f, values in active.items() if f != facet]
        search.aggs.bucket(facet, "filter", filter=Q("bool", filter=others)).bucket(
            "values", "terms", field=facet, size=FACET_SIZE
        )

    # Only ids and scores: the hits are described (highlights, difficulty) by a HitDescriber.
    search = search.source(False).extra(track_total_hits=True)
    return search[query.offset : query.offset + query.page_size]


def document_from_source(source: dict) -> SearchDocument:
    """The SearchDocument an index entry was made from (the inverse of document_source)."""
    return SearchDocument(
        page_id=int(source["page_id"]),
        slug=source["slug"],
        url=source["url"],
        title=source["title"],
        summary=source.get("summary", ""),
        themes=list(source.get("themes", [])),
        audience=list(source.get("audience", [])),
        stage=source.get("stage") or "",
        levels=list(source.get("levels", [])),
        sections={section: source.get(section, "") for section in BODY_SECTIONS},
        difficulties=[
            DifficultyText(
                anchor=item.get("anchor", ""),
                question=item.get("question", ""),
                answer=item.get("answer", ""),
            )
            for item in source.get("difficulties", [])
        ],
    )


def facet_counts(aggregations: dict) -> dict[str, dict[str, int]]:
    return {
        facet: {
            bucket["key"]: bucket["doc_count"]
            for bucket in aggregations[facet]["values"]["buckets"]
        }
        for facet in FACET_NAMES
    }


@dataclass(frozen=True)
class _Driver:
    """What differs between opensearch-py and elasticsearch 8: the client and its failures."""

    client: Any
    rebuild_client: Any  # the same node, with REBUILD_TIMEOUT: a rebuild may wait longer
    bulk: Callable[..., Any]
    scan: Callable[..., Iterator[dict]]
    bulk_error: type[Exception]
    no_answer: tuple[type[Exception], ...]  # refused connection, timeout: no HTTP answer
    error_answer: type[Exception]  # an HTTP error status (with .status_code and .error)


def _opensearch_driver(url: str, timeout: float) -> _Driver:
    from opensearchpy import OpenSearch, exceptions, helpers

    def client(seconds: float) -> OpenSearch:
        return OpenSearch(hosts=[url], timeout=seconds, max_retries=0, retry_on_timeout=False)

    return _Driver(
        client=client(timeout),
        rebuild_client=client(max(timeout, REBUILD_TIMEOUT)),
        bulk=helpers.bulk,
        scan=helpers.scan,
        bulk_error=helpers.BulkIndexError,
        no_answer=(exceptions.ConnectionError,),
        error_answer=exceptions.TransportError,
    )


def _elasticsearch_driver(url: str, timeout: float) -> _Driver:
    from elastic_transport import TransportError
    from elasticsearch import ApiError, Elasticsearch, helpers

    client = Elasticsearch(url, request_timeout=timeout, max_retries=0, retry_on_timeout=False)
    return _Driver(
        client=client,
        rebuild_client=client.options(request_timeout=max(timeout, REBUILD_TIMEOUT)),
        bulk=helpers.bulk,
        scan=helpers.scan,
        bulk_error=helpers.BulkIndexError,
        no_answer=(TransportError,),
        error_answer=ApiError,
    )


def _is_unavailable_status(status: object) -> bool:
    return isinstance(status, int) and (status >= 500 or status == 429)


def _error_type(error: Exception) -> str | None:
    """The server's name for the error ("index_not_found_exception"…), with either client."""
    return getattr(error, "error", None)


class ElasticsearchEngine(SearchEngine):
    """Practices in one index of an OpenSearch or Elasticsearch 8 node."""

    def __init__(
        self,
        url: str,
        *,
        flavour: str = "opensearch",
        index_name: str = "passerelles-practices",
        timeout: float = 2.0,
        describer: HitDescriber | None = None,
    ):
        if flavour not in FLAVOURS:
            raise ValueError(f"unknown flavour {flavour!r}: expected one of {FLAVOURS}")
        self.name = flavour
        self.url = url
        self.index_name = index_name
        self.timeout = timeout
        make_driver = _opensearch_driver if flavour == "opensearch" else _elasticsearch_driver
        self._driver = make_driver(url, timeout)
        self._client = self._driver.client
        self._describer = describer
        # Used when the index has to be created lazily by index_documents, and to describe
        # hits without a describer.
        self._synonyms: list[SynonymGroup] = []

    # -- faults

    @contextmanager
    def _answering(self, action: str) -> Iterator[None]:
        """Raise EngineUnavailable when the node cannot serve now: no answer in time, an error
        5xx or 429, a closed index. Other errors (a request it refuses) are bugs: let them be."""
        try:
            yield
        except self._driver.no_answer as error:
            raise EngineUnavailable(
                f"{self.name} at {self.url} did not answer ({action}): {type(error).__name__}"
            ) from error
        except self._driver.error_answer as error:
            status = getattr(error, "status_code", None)
            # The index is closed for a moment while set_synonyms updates it.
            if _is_unavailable_status(status) or _error_type(error) == INDEX_CLOSED:
                raise EngineUnavailable(
                    f"{self.name} at {self.url} failed ({action}): HTTP {status} "
                    f"{_error_type(error)}"
                ) from error
            raise
        except self._driver.bulk_error as error:
            failures = [next(iter(item.values())) for item in error.errors]
            reasons = [(f.get("status"), f.get("error", {}).get("type")) for f in failures]
            if any(
                _is_unavailable_status(status) or error_type == INDEX_CLOSED
                for status, error_type in reasons
            ):
                raise EngineUnavailable(
                    f"{self.name} at {self.url} refused documents ({action}): {reasons[:3]}"
                ) from error
            raise

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except Exception:
            return False

    # -- index lifecycle

    def _index_exists(self) -> bool:
        with self._answering("index exists"):
            return bool(self._client.indices.exists(index=self.index_name))

    def _create_index(self) -> None:
        body = index_definition(self.index_name, self._synonyms)
        with self._answering("create index"):
            self._client.indices.create(index=self.index_name, body=body)

    def drop_index(self) -> None:
        """Delete the whole index, if there is one (rebuild, test teardown)."""
        with self._answering("delete index"):
            if self._client.indices.exists(index=self.index_name):
                self._client.indices.delete(index=self.index_name)

    def _refresh(self, client: Any = None) -> None:
        with self._answering("refresh"):
            (client or self._client).indices.refresh(index=self.index_name)

    def _bulk(
        self,
        actions: Iterable[dict],
        action: str,
        ignore_status: tuple[int, ...] = (),
        client: Any = None,
    ) -> int:
        with self._answering(action):
            written, _errors = self._driver.bulk(
                client or self._client,
                actions,
                chunk_size=BULK_CHUNK_SIZE,
                ignore_status=ignore_status,
            )
        return written

    def _index_actions(self, documents: Iterable[SearchDocument]) -> Iterator[dict]:
        for document in documents:
            yield {
                "_op_type": "index",
                "_index": self.index_name,
                "_id": str(document.page_id),
                "_source": document_source(document),
            }

    def index_documents(self, documents: Iterable[SearchDocument]) -> int:
        documents = list(documents)
        if not documents:
            return 0
        if not self._index_exists():
            self._create_index()
        written = self._bulk(self._index_actions(documents), "index documents")
        self._refresh()
        return written

    def delete_documents(self, page_ids: Iterable[int]) -> None:
        actions = [
            {"_op_type": "delete", "_index": self.index_name, "_id": str(page_id)}
            for page_id in page_ids
        ]
        if not actions or not self._index_exists():
            return
        self._bulk(actions, "delete documents", ignore_status=(404,))
        self._refresh()

    def rebuild(self, documents: Iterable[SearchDocument], synonyms: list[SynonymGroup]) -> int:
        """Drop, create, fill. Until it is filled, searches elsewhere find nothing or fall back."""
        self._synonyms = list(synonyms)
        self.drop_index()
        self._create_index()
        rebuilding = self._driver.rebuild_client
        written = self._bulk(self._index_actions(documents), "rebuild", client=rebuilding)
        self._refresh(rebuilding)
        # A bulk load leaves a dozen segments, and every search visits each one: merged into
        # one, searches at 10,000 practices take half the time.
        with self._answering("merge segments"):
            rebuilding.indices.forcemerge(index=self.index_name, max_num_segments=1)
        return written

    def set_synonyms(self, synonyms: list[SynonymGroup]) -> None:
        """Analysis settings only change on a closed index: close, update, reopen, wait.

        Searches in other processes meanwhile get EngineUnavailable (a closed index) and fall
        back. Without an index yet, create it (empty) with these synonyms.
        """
        self._synonyms = list(synonyms)
        if not self._index_exists():
            self._create_index()
            return
        body = {"analysis": analysis_settings(self._synonyms)}
        indices = self._client.indices
        with self._answering("set synonyms"):
            indices.close(index=self.index_name)
            try:
                indices.put_settings(index=self.index_name, body=body)
            finally:
                indices.open(index=self.index_name)
            # Opening waits for the primary shard already; this makes sure searches can run.
            self._client.cluster.health(index=self.index_name, wait_for_status="yellow")

    # -- reading

    def search(self, query: SearchQuery) -> SearchResults:
        plan = self._describer.plan(query.text) if self._describer else None
        typos = plan is None or bool(plan.unknown)
        body = build_search(query, typos).to_dict()
        try:
            with self._answering("search"):
                response = self._client.search(index=self.index_name, body=body)
        except self._driver.error_answer as error:
            if _error_type(error) != INDEX_NOT_FOUND:
                raise
            raise EngineUnavailable(
                f"{self.name} at {self.url} has no index {self.index_name!r}"
            ) from error
        scored = [
            (int(raw_hit["_id"]), float(raw_hit.get("_score") or 0.0))
            for raw_hit in response["hits"]["hits"]
        ]
        return SearchResults(
            query=query,
            engine=self.name,
            total=response["hits"]["total"]["value"],
            hits=self._describe(query.text, plan, scored),
            facets=facet_counts(response["aggregations"]),
        )

    def _describe(
        self, text: str, plan: MatchPlan | None, scored: list[tuple[int, float]]
    ) -> list[SearchHit]:
        """The page's hits with their highlights and difficulty, in the engine's order: from
        the describer (the database engine's stored documents, whose terms are analysed
        already), else from the documents in this index."""
        described = self._describer.describe_hits(plan, scored) if self._describer else {}
        missing = [pair for pair in scored if pair[0] not in described]
        if missing:
            if plan is None:
                # Typo variants need the index's vocabulary, which this engine does not hold:
                # words matched through a typo are not marked.
                plan = MatchPlan.build(text, vocabulary=frozenset(), synonyms=self._synonyms)
            described.update(self._describe_from_index(plan, missing))
        return [described[page_id] for page_id, _score in scored if page_id in described]

    def _describe_from_index(
        self, plan: MatchPlan, scored: list[tuple[int, float]]
    ) -> dict[int, SearchHit]:
        ids = [str(page_id) for page_id, _score in scored]
        with self._answering("fetch documents"):
            response = self._client.mget(index=self.index_name, body={"ids": ids})
        documents = {
            int(entry["_id"]): document_from_source(entry["_source"])
            for entry in response["docs"]
            if entry.get("found")
        }
        return {
            page_id: describe_hit(documents[page_id], score, plan)
            for page_id, score in scored
            if page_id in documents
        }

    def indexed_ids(self) -> set[int]:
        body = {"query": {"match_all": {}}, "_source": False}
        try:
            with self._answering("list indexed ids"):
                return {
                    int(hit["_id"])
                    for hit in self._driver.scan(
                        self._client,
                        index=self.index_name,
                        query=body,
                        size=SCAN_PAGE_SIZE,
                        scroll="1m",
                    )
                }
        except self._driver.error_answer as error:
            if _error_type(error) != INDEX_NOT_FOUND:
                raise
            return set()
