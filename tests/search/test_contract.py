"""The search contract, once per engine: French analysis, synonyms, typos, weights,
sections, highlights, facets, pagination and index maintenance."""

from search.base import DifficultyText, SearchDocument, SearchQuery, SynonymGroup

CLAS_GROUP = SynonymGroup(
    (
        "CLAS",
        "contrat local d'accompagnement à la scolarité",
        "accompagnement à la scolarité",
        "aide aux devoirs",
    )
)


def document(page_id: int, title: str, **fields) -> SearchDocument:
    sections = {
        key: ""
        for key in (
            "context",
            "objectives",
            "ingredients",
            "steps",
            "what_worked",
            "memo",
            "quotes",
            "resources",
        )
    }
    sections.update(fields.pop("sections", {}))
    return SearchDocument(
        page_id=page_id,
        slug=f"fiche-{page_id}",
        url=f"/pratiques/fiche-{page_id}/",
        title=title,
        summary=fields.pop("summary", "Une pratique entre le centre social et l'école."),
        themes=fields.pop("themes", ["communiquer"]),
        audience=fields.pop("audience", ["csx"]),
        stage=fields.pop("stage", "premier-contact"),
        levels=fields.pop("levels", []),
        sections=sections,
        difficulties=fields.pop("difficulties", []),
    )


def slugs(engine, text: str, **options) -> list[str]:
    return [hit.slug for hit in engine.search(SearchQuery(text=text, **options)).hits]


def test_plural_accents_and_elision_do_not_matter(engine):
    engine.rebuild(
        [
            document(1, "Accueillir un élève au centre"),
            document(2, "L'absentéisme au collège"),
            document(3, "Un goûter au jardin"),
        ],
        [],
    )
    assert slugs(engine, "élèves") == ["fiche-1"]
    assert slugs(engine, "absenteisme college") == ["fiche-2"]
    assert slugs(engine, "l'eleve") == ["fiche-1"]


def test_glossary_synonyms_find_what_other_words_say(engine):
    engine.rebuild([document(1, "Un CLAS avec l'école"), document(2, "Une fête")], [])
    assert slugs(engine, "aide aux devoirs") == []
    engine.set_synonyms([CLAS_GROUP])
    assert slugs(engine, "aide aux devoirs") == ["fiche-1"]
    assert slugs(engine, "accompagnement à la scolarité") == ["fiche-1"]


def test_typos_are_forgiven_on_words_of_five_letters_or_more(engine):
    engine.rebuild(
        [document(1, "Les enseignants et le centre"), document(2, "Une fête de rue")], []
    )
    assert slugs(engine, "enseigants") == ["fiche-1"]
    assert slugs(engine, "fêta") == []  # four letters: no typo tolerance


def test_a_word_the_index_knows_is_not_taken_for_a_typo(engine):
    engine.rebuild(
        [document(1, "Une clause de la convention"), document(2, "Une classe de CM2")], []
    )
    assert slugs(engine, "classe") == ["fiche-2"]
    assert slugs(engine, "clause") == ["fiche-1"]
    assert slugs(engine, "clasze") == ["fiche-2"]  # unknown: a typo of "classe"


def test_title_outweighs_summary_outweighs_difficulties_outweighs_memo_outweighs_others(engine):
    engine.rebuild(
        [
            document(1, "Autre chose", sections={"context": "La médiation a aidé."}),
            document(2, "Autre chose", sections={"memo": "Prévoir une médiation."}),
            document(
                3,
                "Autre chose",
                difficulties=[DifficultyText("difficulte-x", "Un conflit", "Une médiation.")],
            ),
            document(4, "Autre chose", summary="Une médiation entre parents et école."),
            document(5, "La médiation"),
        ],
        [],
    )
    assert slugs(engine, "médiation") == ["fiche-5", "fiche-4", "fiche-3", "fiche-2", "fiche-1"]


def test_a_search_can_be_limited_to_difficulties_and_shows_the_difficulty(engine):
    engine.rebuild(
        [
            document(1, "Le conseil d'école"),
            document(
                2,
                "Une fête",
                difficulties=[
                    DifficultyText("difficulte-pluie", "Il pleut", "Le préau est prêté."),
                    DifficultyText(
                        "difficulte-conseil", "Le conseil d'école refuse", "Passer par la mairie."
                    ),
                ],
            ),
        ],
        [],
    )
    results = engine.search(SearchQuery(text="conseil d'école", section="difficulties"))
    assert [hit.slug for hit in results.hits] == ["fiche-2"]
    hit = results.hits[0]
    assert hit.difficulty.anchor == "difficulte-conseil"
    assert hit.difficulty.question == "Le conseil d'école refuse"
    assert any(h.section == "Difficultés et réponses" for h in hit.highlights)


def test_highlights_name_their_section_mark_words_and_escape_html(engine):
    engine.rebuild(
        [
            document(
                1, "Rien", sections={"objectives": "Éviter <script>alert(1)</script> la médiation"}
            )
        ],
        [],
    )
    hit = engine.search(SearchQuery(text="médiation")).hits[0]
    highlight = hit.highlights[0]
    assert highlight.section == "Objectifs"
    assert "<mark>médiation</mark>" in highlight.text
    assert "<script>" not in highlight.text
    assert "&lt;script&gt;" in highlight.text


def test_facets_count_matches_and_filters_combine(engine):
    engine.rebuild(
        [
            document(1, "Parents A", themes=["parents-ecole"], stage="premier-contact"),
            document(2, "Parents B", themes=["parents-ecole", "communiquer"], levels=["college"]),
            document(3, "Parents C", themes=["communiquer"], stage="partenariat-installe"),
            document(4, "Autre", themes=["parents-ecole"]),
        ],
        [],
    )
    results = engine.search(SearchQuery(text="parents"))
    assert results.total == 3
    assert results.facets["themes"] == {"parents-ecole": 2, "communiquer": 2}
    assert results.facets["stage"] == {"premier-contact": 2, "partenariat-installe": 1}

    filtered = engine.search(SearchQuery(text="parents", themes=["communiquer"]))
    assert sorted(hit.slug for hit in filtered.hits) == ["fiche-2", "fiche-3"]
    # A facet's own filter does not narrow its own counts; the others do.
    assert filtered.facets["themes"] == {"parents-ecole": 2, "communiquer": 2}
    assert filtered.facets["levels"] == {"college": 1}

    both = engine.search(
        SearchQuery(text="parents", themes=["communiquer"], stage=["partenariat-installe"])
    )
    assert [hit.slug for hit in both.hits] == ["fiche-3"]


def test_results_come_twenty_a_page(engine):
    engine.rebuild([document(n, f"Projet commun numéro {n}") for n in range(1, 46)], [])
    first = engine.search(SearchQuery(text="projet"))
    third = engine.search(SearchQuery(text="projet", page=3))
    assert first.total == 45
    assert len(first.hits) == 20
    assert len(third.hits) == 5
    assert not {hit.slug for hit in first.hits} & {hit.slug for hit in third.hits}


def test_the_index_follows_updates_and_deletions(engine):
    engine.rebuild([document(1, "Une kermesse"), document(2, "Un café des parents")], [])
    engine.index_documents([document(1, "Une fête de quartier")])
    assert slugs(engine, "kermesse") == []
    assert slugs(engine, "fête") == ["fiche-1"]
    engine.delete_documents([2])
    assert slugs(engine, "café") == []
    assert engine.indexed_ids() == {1}


def test_no_words_lists_everything_that_matches_the_filters(engine):
    engine.rebuild(
        [document(1, "B", themes=["communiquer"]), document(2, "A", themes=["parents-ecole"])],
        [],
    )
    assert engine.search(SearchQuery(text="")).total == 2
    assert slugs(engine, "", themes=["parents-ecole"]) == ["fiche-2"]


def test_pages_of_results_neither_repeat_nor_skip_a_practice(engine):
    documents = [document(n, f"Projet numéro {n}") for n in range(1, 16)]
    documents += [
        document(n, f"Autre {n}", sections={"context": "Un projet dans le quartier."})
        for n in range(16, 36)
    ]
    engine.rebuild(documents, [])
    seen = []
    for page in (1, 2):
        seen += slugs(engine, "projet", page=page)
    assert len(seen) == len(set(seen)) == 35
    # The fifteen title matches come first (their order among themselves is the engine's).
    assert set(seen[:15]) == {f"fiche-{n}" for n in range(1, 16)}


def test_filters_hold_on_broad_queries_with_many_matches(engine):
    def theme(n: int) -> list[str]:
        return ["parents-ecole" if n % 3 else "communiquer"]

    documents = [document(n, f"Projet numéro {n}", themes=theme(n)) for n in range(1, 91)]
    documents += [
        document(
            n, f"Autre {n}", themes=theme(n), sections={"context": "Un projet dans le quartier."}
        )
        for n in range(91, 181)
    ]
    engine.rebuild(documents, [])
    filtered = engine.search(SearchQuery(text="projet", themes=["communiquer"], page=2))
    assert filtered.total == 30 + 30  # a third of each half
    assert filtered.facets["themes"] == {"communiquer": 60, "parents-ecole": 120}
    every = set()
    for page in (1, 2, 3):
        every |= set(slugs(engine, "projet", themes=["communiquer"], page=page))
    assert every == {f"fiche-{n}" for n in range(1, 181) if n % 3 == 0}
