"""The Elasticsearch-family engine against a real node (see tests/search/node.py).

The documents are built by hand: these tests need neither Django models nor a database.
"""

import json
import os
import socket
import time
import urllib.request
from itertools import count

import pytest

from search.base import (
    SECTION_LABELS,
    DifficultyText,
    EngineUnavailable,
    SearchDocument,
    SearchQuery,
    SynonymGroup,
)
from search.engines.elasticsearch import ElasticsearchEngine
from tests.search.node import search_node_url

NODE_URL = search_node_url()
if NODE_URL is None:
    reason = (
        "no search node: set SEARCH_URL, or install java and mvn so that "
        "scripts/search-node can start one"
    )
    if os.environ.get("SEARCH_NODE_REQUIRED") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=True)

CLAS_GROUP = SynonymGroup(
    words=(
        "CLAS",
        "contrat local d'accompagnement à la scolarité",
        "accompagnement à la scolarité",
        "aide aux devoirs",
    )
)


def practice(page_id, title, summary, *, themes, audience, stage, levels, **parts):
    difficulties = [
        DifficultyText(anchor=anchor, question=question, answer=answer)
        for anchor, question, answer in parts.pop("difficulties", [])
    ]
    return SearchDocument(
        page_id=page_id,
        slug=f"pratique-{page_id}",
        url=f"/pratiques/pratique-{page_id}/",
        title=title,
        summary=summary,
        themes=themes,
        audience=audience,
        stage=stage,
        levels=levels,
        sections=parts,
        difficulties=difficulties,
    )


PRACTICES = [
    practice(
        1,
        "Un café des parents à l'école",
        "Chaque mois, les parents rencontrent l'équipe de l'école autour d'un café, dans la cour.",
        themes=["parentalite", "aller-vers-l-ecole"],
        audience=["csx", "en"],
        stage="premier-contact",
        levels=["elementaire"],
        context="Les familles du quartier entraient rarement dans l'école.",
        steps="Choisir un jour fixe. Inviter les familles par le cahier de liaison.",
        memo="Prévoir un interprète pour les familles non francophones.",
        difficulties=[
            (
                "difficulte-maman-en-colere",
                "Une maman est en colère contre la maîtresse",
                "Proposer une rencontre au centre social avec la directrice, sans prendre parti.",
            ),
            (
                "difficulte-courriels",
                "Les enseignants ne répondent pas aux courriels",
                "Passer par la directrice et convenir d'un créneau fixe au téléphone.",
            ),
        ],
    ),
    practice(
        2,
        "Le CLAS du mercredi",
        "Vingt collégiens accueillis au centre social le mercredi après-midi par deux animateurs.",
        themes=["scolarite"],
        audience=["csx"],
        stage="action",
        levels=["college"],
        steps="Un goûter, une heure de travail personnel, puis un jeu collectif.",
    ),
    practice(
        3,
        "Lutter contre l'absentéisme au collège",
        "Repérer tôt les élèves qui manquent les cours et appeler les familles avec le CPE.",
        themes=["decrochage"],
        audience=["en", "csx"],
        stage="action",
        levels=["college"],
        difficulties=[
            (
                "difficulte-telephone",
                "Les familles ne décrochent pas le téléphone",
                "Passer par une adulte relais qui parle leur langue.",
            ),
        ],
    ),
    practice(
        4,
        "Accueillir un nouveau salarié",
        "Une matinée pour présenter les écoles du quartier et leurs directrices au nouveau venu.",
        themes=["vie-d-equipe"],
        audience=["csx"],
        stage="premier-contact",
        levels=["elementaire", "college"],
    ),
    practice(
        5,
        "Une réunion de rentrée commune",
        "Animateurs et enseignants préparent ensemble l'accueil des élèves en septembre.",
        themes=["aller-vers-l-ecole"],
        audience=["csx", "en"],
        stage="premier-contact",
        levels=["elementaire"],
    ),
    practice(
        6,
        "La médiation entre familles et école",
        "Une salariée du centre social accompagne les parents aux rendez-vous avec l'équipe.",
        themes=["parentalite"],
        audience=["csx"],
        stage="action",
        levels=["elementaire"],
    ),
    practice(
        7,
        "Un forum des métiers au collège",
        "Des parents présentent leur métier aux élèves de troisième.",
        themes=["orientation"],
        audience=["en"],
        stage="bilan",
        levels=["college"],
        context="Après une médiation réussie avec une famille, le principal a proposé un forum.",
    ),
    practice(
        8,
        "Un atelier numérique pour les parents",
        "Les parents apprennent à utiliser l'espace de travail en ligne du collège.",
        themes=["parentalite", "numerique"],
        audience=["csx"],
        stage="action",
        levels=["elementaire", "college"],
        steps="Montrer qu'une page peut contenir une balise <script> & expliquer les pièges.",
    ),
]
ALL_IDS = {document.page_id for document in PRACTICES}


def node_flavour(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        about = json.load(response)
    return "opensearch" if about["version"].get("distribution") == "opensearch" else "elasticsearch"


def call_node(method: str, url: str) -> None:
    with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=30):
        pass


def delete_index(url: str, name: str) -> None:
    call_node("DELETE", f"{url}/{name}?ignore_unavailable=true")


@pytest.fixture(scope="module")
def flavour():
    return node_flavour(NODE_URL)


@pytest.fixture(scope="module")
def index_names():
    """Unique index names for this test session; every index is deleted at the end."""
    created = []
    numbers = count()

    def new_name():
        created.append(f"passerelles-test-{os.getpid()}-{next(numbers)}")
        return created[-1]

    yield new_name
    for name in created:
        delete_index(NODE_URL, name)


@pytest.fixture
def new_engine(flavour, index_names):
    """An engine on its own empty index, for tests that change the index."""
    return lambda: ElasticsearchEngine(NODE_URL, flavour=flavour, index_name=index_names())


@pytest.fixture(scope="module")
def engine(flavour, index_names):
    """The shared read-only index: every practice, no synonyms."""
    engine = ElasticsearchEngine(NODE_URL, flavour=flavour, index_name=index_names())
    engine.rebuild(PRACTICES, [])
    return engine


def found(engine, text, **options):
    return [hit.page_id for hit in engine.search(SearchQuery(text=text, **options)).hits]


# -- French analysis


def test_singular_and_plural_match(engine):
    assert 5 in found(engine, "élève")
    assert 5 in found(engine, "élèves")


def test_accents_are_optional(engine):
    assert found(engine, "absenteisme college") == [3]


def test_elided_article_and_plural_match(engine):
    assert 4 in found(engine, "l'école")  # the practice says "les écoles"
    assert 1 in found(engine, "écoles")  # the practice says "l'école"


def test_typographic_apostrophe_is_an_apostrophe(engine):
    assert found(engine, "l’absentéisme") == [3]


# -- typos


def test_a_typo_in_a_long_word_is_forgiven(engine):
    assert 1 in found(engine, "enseigants")


def test_a_typo_is_judged_on_the_whole_word_not_on_its_stem(engine):
    # Stemmed, "collège" and "colère" (practice 1's difficulty) are one letter apart.
    assert 1 not in found(engine, "collège")
    assert 1 in found(engine, "colère")


def test_a_typo_in_a_word_under_five_letters_is_not_forgiven(engine):
    assert 1 in found(engine, "café")
    assert found(engine, "cafi") == []


# -- matching and weights


def test_a_title_match_ranks_above_a_body_only_match(engine):
    hits = found(engine, "médiation")
    assert hits.index(6) < hits.index(7)


def test_a_long_question_matches_words_spread_over_the_sections(engine):
    # "café" is in the title, "familles" in the context, "interprète" in the memo.
    hits = found(engine, "Comment organiser un café avec les familles et un interprète ?")
    assert hits[0] == 1


def test_most_words_of_a_long_question_must_be_found(engine):
    # Two words in five ("forum", "familles") are not enough.
    assert found(engine, "forum pour les familles nombreuses à la piscine municipale") == []


def test_section_difficulties_only_searches_the_difficulties(engine):
    everywhere = found(engine, "familles")
    in_difficulties = engine.search(SearchQuery(text="familles", section="difficulties"))
    assert len(everywhere) > 1
    assert [hit.page_id for hit in in_difficulties.hits] == [3]
    assert in_difficulties.hits[0].difficulty.anchor == "difficulte-telephone"


# -- synonyms


def test_synonyms_apply_once_set_and_stop_once_removed(new_engine):
    engine = new_engine()
    engine.rebuild(PRACTICES, [])
    assert found(engine, "aide aux devoirs") == []

    engine.set_synonyms([CLAS_GROUP])
    assert found(engine, "aide aux devoirs") == [2]
    assert found(engine, "Accompagnement a la scolarite") == [2]
    assert found(engine, "contrat local d’accompagnement à la scolarité") == [2]

    engine.set_synonyms([])
    assert found(engine, "aide aux devoirs") == []


def test_synonyms_the_analyzer_cannot_use_are_skipped(new_engine):
    # Glossary entries are typed by people: stop words only, punctuation, "=>" or commas.
    odd_groups = [
        SynonymGroup(words=("le", "la")),
        SynonymGroup(words=("’", "#")),
        SynonymGroup(words=("REP+", "réseau => éducation, prioritaire", "")),
    ]
    engine = new_engine()
    engine.rebuild(PRACTICES, [])
    engine.set_synonyms([*odd_groups, CLAS_GROUP])
    assert found(engine, "aide aux devoirs") == [2]


def test_rebuild_keeps_its_synonyms(new_engine):
    engine = new_engine()
    engine.rebuild(PRACTICES, [CLAS_GROUP])
    assert found(engine, "aide aux devoirs") == [2]


# -- results: highlights, difficulties, facets, pages


def test_highlights_mark_the_words_and_escape_the_text(engine):
    (hit,) = engine.search(SearchQuery(text="balise")).hits
    assert [highlight.section for highlight in hit.highlights] == [SECTION_LABELS["steps"]]
    text = hit.highlights[0].text
    assert "<mark>balise</mark>" in text
    assert "&lt;script&gt;" in text and "&amp;" in text
    assert "<script>" not in text


def test_highlights_come_best_section_first_and_at_most_three(engine):
    hit = engine.search(SearchQuery(text="parents")).hits[0]
    sections = [highlight.section for highlight in hit.highlights]
    assert sections[:2] == [SECTION_LABELS["title"], SECTION_LABELS["summary"]]
    assert len(sections) <= 3


def test_the_matching_difficulty_comes_with_the_practice(engine):
    hit = engine.search(SearchQuery(text="une maman en colère contre la maîtresse")).hits[0]
    assert hit.page_id == 1
    assert hit.difficulty.anchor == "difficulte-maman-en-colere"
    assert hit.difficulty.question == "Une maman est en colère contre la maîtresse"
    assert hit.difficulty.answer.startswith("Proposer une rencontre")
    difficulty_highlights = [
        h.text for h in hit.highlights if h.section == SECTION_LABELS["difficulties"]
    ]
    assert difficulty_highlights and "<mark>maman</mark>" in difficulty_highlights[0]


def test_hits_carry_the_practice_and_a_score(engine):
    hit = engine.search(SearchQuery(text="absentéisme")).hits[0]
    assert (hit.page_id, hit.slug, hit.url) == (3, "pratique-3", "/pratiques/pratique-3/")
    assert hit.title == "Lutter contre l'absentéisme au collège"
    assert hit.summary.startswith("Repérer tôt")
    assert isinstance(hit.score, float) and hit.score > 0


def test_an_empty_query_lists_every_practice_by_title(engine):
    results = engine.search(SearchQuery(text="  "))
    assert results.total == len(PRACTICES)
    titles = [hit.title for hit in results.hits]
    assert titles[0] == "Accueillir un nouveau salarié"
    assert titles[-1] == "Une réunion de rentrée commune"
    assert all(hit.score == 0.0 and not hit.highlights for hit in results.hits)


def test_facet_values_are_ored_and_facets_anded(engine):
    assert set(found(engine, "", themes=["decrochage", "orientation"])) == {3, 7}
    assert found(engine, "", themes=["parentalite"], audience=["en"]) == [1]


def test_facet_counts_ignore_their_own_filter(engine):
    results = engine.search(SearchQuery(text="", themes=["parentalite"], audience=["en"]))
    assert results.total == 1
    # themes: counted over the practices for "en" (1, 3, 5, 7), whatever the theme.
    assert results.facets["themes"] == {
        "parentalite": 1,
        "aller-vers-l-ecole": 2,
        "decrochage": 1,
        "orientation": 1,
    }
    # audience: counted over the "parentalite" practices (1, 6, 8), whatever the audience.
    assert results.facets["audience"] == {"csx": 3, "en": 1}
    # other facets: both filters apply (practice 1 only).
    assert results.facets["stage"] == {"premier-contact": 1}
    assert results.facets["levels"] == {"elementaire": 1}


def test_facet_counts_follow_the_text(engine):
    results = engine.search(SearchQuery(text="collège"))
    assert set(results.facets) == {"themes", "audience", "stage", "levels"}
    assert results.facets["levels"]["college"] == results.total


def test_pages_split_the_results_without_overlap(engine):
    pages = [engine.search(SearchQuery(text="", page=page, page_size=3)) for page in (1, 2, 3)]
    assert [len(page.hits) for page in pages] == [3, 3, 2]
    assert {page.total for page in pages} == {len(PRACTICES)}
    listed = [hit.page_id for page in pages for hit in page.hits]
    assert listed == found(engine, "")


def test_filters_apply_to_the_total_and_the_pages(engine):
    results = engine.search(SearchQuery(text="parents", levels=["college"], page_size=1))
    assert results.total == 2  # practices 7 and 8
    assert len(results.hits) == 1


# -- writing


def test_documents_are_searchable_right_after_indexing(new_engine):
    engine = new_engine()  # the index does not exist yet: indexing creates it
    assert engine.index_documents(PRACTICES) == len(PRACTICES)
    assert engine.indexed_ids() == ALL_IDS
    assert found(engine, "absentéisme") == [3]


def test_indexing_again_replaces_the_document(new_engine):
    engine = new_engine()
    engine.index_documents(PRACTICES)
    renamed = practice(
        2, "Le club lecture", "Lire ensemble.", themes=[], audience=[], stage="action", levels=[]
    )
    engine.index_documents([renamed])
    assert found(engine, "mercredi") == []
    assert found(engine, "lecture") == [2]
    assert engine.indexed_ids() == ALL_IDS


def test_deleted_documents_are_gone_and_missing_ones_ignored(new_engine):
    engine = new_engine()
    engine.index_documents(PRACTICES)
    engine.delete_documents([3, 999])
    assert engine.indexed_ids() == ALL_IDS - {3}
    assert found(engine, "absentéisme") == []


def test_rebuild_replaces_the_whole_index(new_engine):
    engine = new_engine()
    engine.index_documents(PRACTICES)
    assert engine.rebuild(PRACTICES[:3], []) == 3
    assert engine.indexed_ids() == {1, 2, 3}


def test_a_missing_index_has_no_ids_but_cannot_be_searched(new_engine):
    engine = new_engine()
    engine.drop_index()  # nothing to drop, no error
    assert engine.indexed_ids() == set()
    engine.delete_documents([1])  # nothing to do, no error
    with pytest.raises(EngineUnavailable):
        engine.search(SearchQuery(text="école"))


# -- faults


def test_a_closed_index_is_unavailable(new_engine):
    # set_synonyms closes the index for a moment; other processes then fall back.
    engine = new_engine()
    engine.index_documents(PRACTICES)
    call_node("POST", f"{NODE_URL}/{engine.index_name}/_close")
    try:
        with pytest.raises(EngineUnavailable):
            engine.search(SearchQuery(text="école"))
        with pytest.raises(EngineUnavailable):
            engine.index_documents(PRACTICES[:1])
    finally:
        call_node("POST", f"{NODE_URL}/{engine.index_name}/_open")


def test_a_node_that_is_not_there_is_unavailable_at_once(flavour):
    engine = ElasticsearchEngine("http://127.0.0.1:9", flavour=flavour)
    started = time.monotonic()
    assert engine.ping() is False
    with pytest.raises(EngineUnavailable):
        engine.search(SearchQuery(text="école"))
    with pytest.raises(EngineUnavailable):
        engine.index_documents(PRACTICES)
    with pytest.raises(EngineUnavailable):
        engine.indexed_ids()
    assert time.monotonic() - started < 2


def test_a_node_that_does_not_answer_is_given_up_after_the_timeout(flavour):
    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        engine = ElasticsearchEngine(url, flavour=flavour, timeout=0.5)
        started = time.monotonic()
        with pytest.raises(EngineUnavailable):
            engine.search(SearchQuery(text="école"))
        assert time.monotonic() - started < 2


def test_ping_answers_when_the_node_is_there(engine):
    assert engine.ping() is True
