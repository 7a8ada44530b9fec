"""French text analysis of the Elasticsearch-family index: the analyzers, filters and synonyms.

Every analyzer runs the same chain, so a word is reduced the same way when indexed and searched:

    ’ ‘ → '  |  standard tokenizer  |  elision  |  lowercase  |  asciifolding
        |  synonym_graph (search only)  |  stop  |  light_french stemmer (stemmed only)

There are two pairs: the stemmed one (french_index / french_search) matches "élève" with
"élèves"; the unstemmed one (french_unstemmed_*) serves typo tolerance on whole words.

The synonyms sit after asciifolding and before stop words, and only at search time:

- Elasticsearch and OpenSearch parse each synonym rule with the filters that precede the
  synonym filter. After elision, lowercase and asciifolding, "Contrat local d'accompagnement à
  la scolarité" becomes "contrat local accompagnement a la scolarite", the same tokens a query
  "accompagnement a la scolarite" produces, with or without accents or capitals.
- Stop words must come after: removing "à la" before the synonym filter leaves holes in the
  rule, which the synonym parser refuses (with `lenient`, it drops the rule silently).
- The stemmer comes after, so that rules match whole words and their expansions are stemmed
  like the indexed text. The price: a rule matches the inflection it was written in ("aide aux
  devoirs", not "aide au devoir"); a group lists both when both are used.
- At search time only: changing the synonyms needs no reindexing, and the token graph that
  synonym_graph produces for multi-word synonyms is understood by query parsing, not indexing.

Because asciifolding precedes the stop filter, the stop list also holds the folded forms of the
accented French stop words ("à" arrives as "a").
"""

from collections.abc import Iterable

from elasticsearch.dsl import analyzer, char_filter, normalizer, token_filter
from elasticsearch.dsl.analysis import Analyzer, Normalizer, TokenFilter

from search.base import SynonymGroup

INDEX_ANALYZER = "french_index"
SEARCH_ANALYZER = "french_search"
UNSTEMMED_INDEX_ANALYZER = "french_unstemmed_index"
UNSTEMMED_SEARCH_ANALYZER = "french_unstemmed_search"
SORT_NORMALIZER = "french_sort"

ELIDED_ARTICLES = (
    "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
)  # fmt: skip

# The accented words of Lucene's French stop list (`_french_`), as asciifolding leaves them.
FOLDED_FRENCH_STOP_WORDS = (
    "a", "meme", "etee", "etees", "etant", "etes", "etais", "etait", "etions", "etiez",
    "etaient", "fumes", "futes", "eumes", "eutes", "eut",
)  # fmt: skip

apostrophes = char_filter("french_apostrophes", "mapping", mappings=["\u2019 => '", "\u2018 => '"])
elision = token_filter(
    "french_elision", "elision", articles=list(ELIDED_ARTICLES), articles_case=True
)
stop_words = token_filter("french_stop", "stop", stopwords=["_french_", *FOLDED_FRENCH_STOP_WORDS])
stemmer = token_filter("french_stemmer", "stemmer", language="light_french")


def synonym_lines(groups: Iterable[SynonymGroup]) -> list[str]:
    """One "a, b, c" rule per group of at least two distinct words.

    Commas and "=>" would change the meaning of a rule, so they become spaces.
    """
    lines = []
    for group in groups:
        words: dict[str, str] = {}
        for word in group.words:
            cleaned = " ".join(word.replace("=>", " ").replace(",", " ").split())
            if cleaned:
                words.setdefault(cleaned.casefold(), cleaned)
        if len(words) >= 2:
            lines.append(", ".join(words.values()))
    return lines


def synonym_filter(groups: Iterable[SynonymGroup]) -> TokenFilter:
    # lenient: a rule that cannot be parsed (a word reduced to nothing) is skipped instead of
    # making the whole index unusable.
    return token_filter(
        "french_synonyms", "synonym_graph", synonyms=synonym_lines(groups), lenient=True
    )


def _french_analyzer(name: str, *, synonyms: Iterable[SynonymGroup] | None, stem: bool) -> Analyzer:
    filters = [elision, "lowercase", "asciifolding"]
    if synonyms is not None:
        filters.append(synonym_filter(synonyms))
    filters.append(stop_words)
    if stem:
        filters.append(stemmer)
    return analyzer(name, tokenizer="standard", char_filter=[apostrophes], filter=filters)


def index_analyzer() -> Analyzer:
    return _french_analyzer(INDEX_ANALYZER, synonyms=None, stem=True)


def search_analyzer(groups: Iterable[SynonymGroup]) -> Analyzer:
    return _french_analyzer(SEARCH_ANALYZER, synonyms=groups, stem=True)


def unstemmed_index_analyzer() -> Analyzer:
    """Whole words, for typo tolerance: "collège" is one letter from "colère" once both are
    stemmed ("coleg", "coler"), two as written: too far for a typo in a seven-letter word."""
    return _french_analyzer(UNSTEMMED_INDEX_ANALYZER, synonyms=None, stem=False)


def unstemmed_search_analyzer(groups: Iterable[SynonymGroup]) -> Analyzer:
    return _french_analyzer(UNSTEMMED_SEARCH_ANALYZER, synonyms=groups, stem=False)


def sort_normalizer() -> Normalizer:
    """Keyword normalizer for sorting titles: "École" sorts with "ecole", not after "Z"."""
    return normalizer(SORT_NORMALIZER, filter=["lowercase", "asciifolding"])


def analysis_settings(groups: Iterable[SynonymGroup]) -> dict:
    """The whole `settings.analysis` of the index, for its creation or a synonyms update."""
    analysis: dict = {}
    groups = list(groups)
    components = (
        index_analyzer(),
        search_analyzer(groups),
        unstemmed_index_analyzer(),
        unstemmed_search_analyzer(groups),
        sort_normalizer(),
    )
    for component in components:
        for kind, definitions in component.get_analysis_definition().items():
            analysis.setdefault(kind, {}).update(definitions)
    return analysis
