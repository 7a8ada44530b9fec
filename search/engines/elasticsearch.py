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
    SECTION_LABELS,
    SECTION_WEIGHTS,
    DifficultyHit,
    EngineUnavailable,
    Highlight,
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

FLAVOURS = ("opensearch", "elasticsearch")

# The sections of the practice itself (SearchDocument.sections holds those after the summary);
# difficulties are nested, and searched apart.
BODY_SECTIONS = ("memo", *OTHER_SECTIONS)
PAGE_SECTIONS = ("title", "summary", *BODY_SECTIONS)
DIFFICULTY_FIELDS = ("difficulties.question", "difficulties.answer")
SOURCE_FIELDS = ("page_id", "slug", "url", "title", "summary")

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

HIGHLIGHT_OPTIONS = {
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
    "encoder": "html",  # the text is escaped; <mark> is the only markup
    "fragment_size": 160,
    "number_of_fragments": 1,
}
WHOLE_FIELD = {"number_of_fragments": 0}  # titles and questions are short: shown whole
MAX_HIGHLIGHTS = 3
DIFFICULTY_INNER_HITS = "difficulty"
FACET_SIZE = 50
BULK_CHUNK_SIZE = 200
SCAN_PAGE_SIZE = 1000
INDEX_NOT_FOUND = "index_not_found_exception"
INDEX_CLOSED = "index_closed_exception"


def practice_mapping(synonyms: list[SynonymGroup]) -> Mapping:
    def french_text(highlighted: bool = True, **options: Any) -> Text:
        # Offsets in the postings let the highlighter mark words without analysing the
        # text again: most of a search's time otherwise, on long sections.
        offsets = {"index_options": "offsets"} if highlighted else {}
        unstemmed = Text(
            analyzer=unstemmed_index_analyzer(),
            search_analyzer=unstemmed_search_analyzer(synonyms),
            **offsets,
        )
        return Text(
            analyzer=index_analyzer(),
            search_analyzer=search_analyzer(synonyms),
            fields={UNSTEMMED: unstemmed, **options.pop("fields", {})},
            **offsets,
            **options,
        )

    in_everything = {"copy_to": EVERYTHING}
    in_both_everythings = {"copy_to": [EVERYTHING, f"difficulties.{EVERYTHING}"]}
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
    mapping.field(
        "difficulties",
        Nested(
            properties={
                "question": french_text(**in_both_everythings),
                "answer": french_text(**in_both_everythings),
                "anchor": Keyword(),
                EVERYTHING: french_text(highlighted=False),
            }
        ),
    )
    mapping.field(EVERYTHING, french_text(highlighted=False))
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


def _enough_words(text: str, everything: str) -> Q:
    """Whether it matches: enough of the words, as stems or as whole words with a typo."""
    enough = {"query": text, "minimum_should_match": MINIMUM_SHOULD_MATCH}
    return Q(
        "bool",
        should=[
            Q("match", **{everything: enough}),
            Q("match", **{f"{everything}.{UNSTEMMED}": {**enough, **TYPO_OPTIONS}}),
        ],
        minimum_should_match=1,
    )


def _weighted_words(text: str, fields: Iterable[str], everything: str) -> list[Q]:
    """How well it matches: the words found as stems, weighted by section, plus the words
    found with a typo anywhere (fuzzy matching once, on the combined field: per section it
    multiplied the expansions, and was most of a search's time)."""
    weighted = [
        (field, SECTION_WEIGHTS.get(field.removeprefix("difficulties."), OTHER_WEIGHT))
        for field in fields
    ]
    options = {"query": text, "type": "best_fields", "tie_breaker": TIE_BREAKER}
    stems = [f"{field}^{weight:g}" for field, weight in weighted]
    return [
        Q("multi_match", fields=stems, **options),
        Q(
            "match",
            **{f"{everything}.{UNSTEMMED}": {"query": text, "boost": OTHER_WEIGHT, **TYPO_OPTIONS}},
        ),
    ]


def _highlighted(fields: Iterable[str]) -> dict:
    """Each field highlighted by its stems. Words matched only through a typo (on the combined
    field) are not marked: highlighting the whole-word fields with the fuzzy query tripled
    the time of a search."""
    highlighted = {}
    for field in fields:
        options = WHOLE_FIELD if field in ("title", "difficulties.question") else {}
        highlighted[field] = options
    return highlighted


def _difficulties_query(text: str) -> Q:
    return Q(
        "nested",
        path="difficulties",
        score_mode="max",
        # Question and answer count alike; the boost gives difficulties their section weight.
        boost=SECTION_WEIGHTS["difficulties"],
        query=Q(
            "bool",
            filter=[_enough_words(text, f"difficulties.{EVERYTHING}")],
            should=_weighted_words(text, DIFFICULTY_FIELDS, f"difficulties.{EVERYTHING}"),
        ),
        inner_hits={
            "name": DIFFICULTY_INNER_HITS,
            "size": 1,
            "highlight": {**HIGHLIGHT_OPTIONS, "fields": _highlighted(DIFFICULTY_FIELDS)},
        },
    )


def text_query(text: str, section: str | None) -> Q:
    """Practices (or difficulties) with enough of the words, scored by where they are found:
    the weighted sections, the best difficulty, the words as a phrase in the title or summary.
    """
    difficulties = _difficulties_query(text)
    if section == "difficulties":
        return difficulties
    phrases = [
        Q(
            "match_phrase",
            **{field: {"query": text, "slop": PHRASE_SLOP, "boost": SECTION_WEIGHTS[field]}},
        )
        for field in ("title", "summary")
    ]
    return Q(
        "bool",
        filter=[_enough_words(text, EVERYTHING)],
        should=[*_weighted_words(text, PAGE_SECTIONS, EVERYTHING), difficulties, *phrases],
    )


def _facet_filter(facet: str, values: list[str]) -> Q:
    return Q("terms", **{facet: values})


def build_search(query: SearchQuery) -> Search:
    """The whole request: matches, facet filters and disjunctive facet counts, page, highlights.

    An empty text lists every practice by title (whatever the section), within the filters.
    Facet filters go in post_filter, so that aggregations see every match; each facet's counts
    then apply the other facets' filters only.
    """
    search = Search()
    text = query.text.strip()
    if text:
        search = search.query(text_query(text, query.section))
        search = search.sort({"_score": {"order": "desc"}}, {"title.sort": {"order": "asc"}})
        if query.section != "difficulties":
            search = search.highlight_options(**HIGHLIGHT_OPTIONS)
            for field, options in _highlighted(PAGE_SECTIONS).items():
                search = search.highlight(field, **options)
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

    search = search.source(list(SOURCE_FIELDS)).extra(track_total_hits=True)
    return search[query.offset : query.offset + query.page_size]


def best_fragment(highlight: dict, field: str) -> str | None:
    """The highlighted fragment of `field`, if the field matched."""
    fragments = highlight.get(field)
    return fragments[0] if fragments else None


def _difficulty(raw_hit: dict) -> tuple[DifficultyHit | None, str | None]:
    inner = raw_hit.get("inner_hits", {}).get(DIFFICULTY_INNER_HITS, {}).get("hits", {})
    if not inner.get("hits"):
        return None, None
    best = inner["hits"][0]
    source = best["_source"]
    difficulty = DifficultyHit(
        question=source.get("question", ""),
        answer=source.get("answer", ""),
        anchor=source.get("anchor", ""),
    )
    highlight = best.get("highlight", {})
    fragment = best_fragment(highlight, "difficulties.question") or best_fragment(
        highlight, "difficulties.answer"
    )
    return difficulty, fragment


def search_hit(raw_hit: dict) -> SearchHit:
    source = raw_hit["_source"]
    difficulty, difficulty_fragment = _difficulty(raw_hit)
    highlight = raw_hit.get("highlight", {})
    highlights = []
    for section, label in SECTION_LABELS.items():  # best sections first
        if section == "difficulties":
            fragment = difficulty_fragment
        else:
            fragment = best_fragment(highlight, section)
        if fragment:
            highlights.append(Highlight(section=label, text=fragment))
    return SearchHit(
        page_id=int(source["page_id"]),
        slug=source["slug"],
        title=source["title"],
        url=source["url"],
        summary=source.get("summary", ""),
        score=float(raw_hit.get("_score") or 0.0),
        highlights=highlights[:MAX_HIGHLIGHTS],
        difficulty=difficulty,
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
    bulk: Callable[..., Any]
    scan: Callable[..., Iterator[dict]]
    bulk_error: type[Exception]
    no_answer: tuple[type[Exception], ...]  # refused connection, timeout: no HTTP answer
    error_answer: type[Exception]  # an HTTP error status (with .status_code and .error)


def _opensearch_driver(url: str, timeout: float) -> _Driver:
    from opensearchpy import OpenSearch, exceptions, helpers

    client = OpenSearch(hosts=[url], timeout=timeout, max_retries=0, retry_on_timeout=False)
    return _Driver(
        client=client,
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
        # Used when the index has to be created lazily by index_documents.
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

    def _refresh(self) -> None:
        with self._answering("refresh"):
            self._client.indices.refresh(index=self.index_name)

    def _bulk(
        self, actions: Iterable[dict], action: str, ignore_status: tuple[int, ...] = ()
    ) -> int:
        with self._answering(action):
            written, _errors = self._driver.bulk(
                self._client, actions, chunk_size=BULK_CHUNK_SIZE, ignore_status=ignore_status
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
        written = self._bulk(self._index_actions(documents), "rebuild")
        self._refresh()
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
        body = build_search(query).to_dict()
        try:
            with self._answering("search"):
                response = self._client.search(index=self.index_name, body=body)
        except self._driver.error_answer as error:
            if _error_type(error) != INDEX_NOT_FOUND:
                raise
            raise EngineUnavailable(
                f"{self.name} at {self.url} has no index {self.index_name!r}"
            ) from error
        return SearchResults(
            query=query,
            engine=self.name,
            total=response["hits"]["total"]["value"],
            hits=[search_hit(raw_hit) for raw_hit in response["hits"]["hits"]],
            facets=facet_counts(response["aggregations"]),
        )

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
