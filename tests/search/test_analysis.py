"""The Python French analysis of the database engine: pure functions, no database, no Django."""

import random
import subprocess
import sys
import unicodedata

import pytest

from search.analysis import (
    ELISION_ARTICLES,
    FRENCH_STOP_WORDS,
    Token,
    analyse,
    fold,
    light_stem,
    max_edits,
    similar_terms,
    tokens,
    within_edits,
)

# -- elision


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("l'école", ["ecol"]),
        ("l’école", ["ecol"]),
        ("L'École", ["ecol"]),
        ("l‘école", ["ecol"]),
        ("lʼécole", ["ecol"]),
        ("d'accord", ["accord"]),
        ("d’absentéisme", ["absenteism"]),
        ("s'inscrire", ["inscrir"]),
        ("qu'il", []),
        ("qu’elles", ["elle"]),  # "elle" is in Lucene's stop list, "elles" is not
        ("jusqu'à demain", ["demain"]),
        ("jusqu’au bout", ["bout"]),
        ("lorsqu'on arrive", ["arriv"]),
        ("puisqu'elle hésite", ["hesit"]),
    ],
)
def test_an_elided_article_is_dropped(text, terms):
    assert analyse(text) == terms


def test_an_elided_article_matches_the_plain_word():
    assert analyse("l'école") == analyse("écoles") == analyse("Ecole")


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("aujourd'hui", ["aujourdhui"]),
        ("aujourd’hui", ["aujourdhui"]),
        ("d'aujourd'hui", ["aujourdhui"]),
        ("l'entr'aide", ["entraid"]),  # and so matches "entraide"
        ("prud'hommes", ["prudhom"]),
    ],
)
def test_an_apostrophe_after_a_non_article_keeps_one_word_without_it(text, terms):
    assert analyse(text) == terms


def test_the_elision_articles_are_those_of_the_opensearch_analyzer():
    assert ELISION_ARTICLES == (
        "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
    )  # fmt: skip


# -- lowercase and accent folding


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Élève", "eleve"),
        ("COLLÈGE", "college"),
        ("garçon", "garcon"),
        ("naïf", "naif"),
        ("Œuvre", "oeuvre"),
        ("cœur", "coeur"),
        ("ex æquo", "ex aequo"),
        ("Straße", "strasse"),
        ("déjà vu", "deja vu"),
        (unicodedata.normalize("NFD", "élève"), "eleve"),
        ("plain ascii", "plain ascii"),
    ],
)
def test_fold_lowercases_and_strips_accents(text, folded):
    assert fold(text) == folded


def test_capitals_and_accents_do_not_change_the_terms():
    assert analyse("ÉLÈVES") == analyse("élèves") == analyse("eleves") == ["elev"]
    assert analyse("College") == analyse("collège") == ["colleg"]


def test_decomposed_accents_give_the_same_terms_and_offsets():
    text = unicodedata.normalize("NFD", "les élèves à l'école")
    assert analyse(text) == ["elev", "ecol"]
    assert [text[token.start : token.end] for token in tokens(text)] == [
        unicodedata.normalize("NFD", "élèves"),
        unicodedata.normalize("NFD", "école"),
    ]


# -- stop words


def test_stop_words_leave_the_words_that_carry_the_meaning():
    assert analyse("les profs ne répondent jamais à nos mails") == [
        "prof",
        "repondent",
        "jamai",
        "mail",
    ]
    assert analyse("une maman en colère contre la maîtresse") == [
        "maman",
        "coler",
        "contr",
        "maitr",
    ]


def test_stop_words_match_with_or_without_their_accents():
    # As in the index analyzer, which folds accents before its stop filter.
    assert analyse("à même était étaient") == []
    assert analyse("a meme etait etaient") == []


def test_the_stop_list_is_lucenes_french_list():
    assert len(FRENCH_STOP_WORDS) == 154
    assert {"au", "les", "à", "même", "qu", "étaient", "eussent", "quelles"} <= FRENCH_STOP_WORDS
    # Lucene leaves out the stop words that are also nouns: they stay searchable.
    assert not {"son", "été", "est", "sommes", "aura", "avions"} & FRENCH_STOP_WORDS
    assert analyse("été son") == ["ete", "son"]


def test_a_text_of_stop_words_only_has_no_terms():
    assert analyse("Il y a de la place pour eux et pour nous.") == ["plac"]
    assert analyse("") == []
    assert analyse(" -- ’ ' ... ") == []


# -- tokenisation


def test_hyphens_and_punctuation_split_words():
    assert analyse("porte-parole") == ["port", "parol"]
    assert analyse("passage CM2-6e, en 2024 !") == ["passag", "cm2", "6e", "2024"]


def test_digits_are_kept_and_words_with_digits_are_not_stemmed():
    assert analyse("REP+ 13e 2023-2024") == ["rep", "13e", "2023", "2024"]


def test_other_scripts_are_words_too():
    assert analyse("école مدرسة") == ["ecol", "مدرسة"]


# -- stemming: the same stem for the forms of a word


@pytest.mark.parametrize(
    "forms",
    [
        ("élève", "élèves", "eleve"),
        ("enseignant", "enseignants", "enseignante", "enseignantes"),
        ("famille", "familles"),
        ("maman", "mamans"),
        ("collège", "collèges", "college"),
        ("absentéisme", "absenteisme"),
        ("salarié", "salariés", "salariée", "salariées"),
        ("réunion", "réunions"),
        ("courriel", "courriels"),
        ("difficulté", "difficultés"),
        ("nouveau", "nouveaux"),
        ("scolaire", "scolaires"),
        ("partenaire", "partenaires"),
        ("animateur", "animateurs", "animatrice", "animatrices"),
        ("directeur", "directrice", "directrices"),
        ("maître", "maîtres", "maîtresse", "maîtresses"),
        ("rencontre", "rencontres", "rencontrer"),
        ("accompagnement", "accompagnements", "accompagner", "accompagnée"),
        ("parent", "parents"),
        ("quartier", "quartiers"),
        ("école", "écoles"),
        ("éducatif", "éducative", "éducatives", "éducatifs"),
        ("associatif", "associative"),
        ("local", "locaux"),
        ("bureau", "bureaux"),
        ("travail", "travaux"),
        ("premier", "première", "premières"),
        ("infirmier", "infirmière"),
        ("français", "française", "françaises"),
        ("heureux", "heureuse", "heureusement"),
        ("personnel", "personnelle", "personnellement"),
        ("ancien", "ancienne", "anciennes"),
        ("vendeur", "vendeuse"),
        ("professeur", "professeure", "professeurs"),
        ("harcèlement", "harcèle"),
        ("régulier", "régulière", "régulièrement"),
        ("facile", "facilement"),
        ("buvette", "buvettes"),
        ("réseau", "réseaux"),
    ],
)
def test_the_forms_of_a_word_share_a_stem(forms):
    stems = {light_stem(fold(form)) for form in forms}
    assert len(stems) == 1, stems


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("clas", "classe"),
        ("clas", "classes"),
        ("école", "écoute"),
        ("mail", "maire"),
        ("parent", "parole"),
        ("famille", "familier"),
        ("salle", "sales"),
        ("collège", "collègue"),
        ("collège", "colère"),
        ("enseignant", "enseignement"),
        ("maître", "maire"),
        ("papier", "papi"),
        ("directeur", "direction"),
        ("mère", "mer"),
        ("cour", "courriel"),
    ],
)
def test_different_words_keep_different_stems(word, other):
    assert light_stem(fold(word)) != light_stem(fold(other))


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("eleves", "elev"),
        ("chevaux", "cheval"),
        ("travaux", "travail"),
        ("maitresse", "maitr"),
        ("directrice", "directeu"),
        ("salariee", "salari"),
        ("famille", "famil"),
        ("classe", "class"),
        ("accompagnement", "accompagn"),
        ("quartiers", "quarti"),
        ("absenteisme", "absenteism"),
    ],
)
def test_light_stem_gives_these_stems(word, stem):
    assert light_stem(word) == stem


@pytest.mark.parametrize("word", ["prof", "clas", "mail", "cafe", "ecol", "pre", "ess", "a", ""])
def test_words_of_four_letters_or_fewer_are_not_stemmed(word):
    assert light_stem(word) == word


def test_the_plural_of_a_short_word_is_that_short_word():
    assert light_stem("profs") == "prof"
    assert light_stem("sales") == "sale"


@pytest.mark.parametrize("word", ["cm2", "6e", "2024", "covid19", "aujourd'hui"])
def test_words_with_digits_or_signs_are_not_stemmed(word):
    assert light_stem(word) == word


def test_a_stem_is_never_shorter_than_three_letters():
    words = ["annee", "annees", "creees", "musee", "idees", "elles", "aaaaa", "eeeee", "sssss"]
    for word in words:
        assert len(light_stem(word)) >= 3, word


# -- tokens: offsets for highlighting


def test_token_offsets_point_at_the_words_of_the_original_text():
    text = "Les Élèves de l’École Jules-Ferry ont rencontré les familles."
    found = tokens(text)
    assert [(token.term, text[token.start : token.end]) for token in found] == [
        ("elev", "Élèves"),
        ("ecol", "École"),
        ("jule", "Jules"),
        ("ferry", "Ferry"),
        ("rencontr", "rencontré"),
        ("famil", "familles"),
    ]


def test_an_elided_article_is_left_out_of_the_token_span():
    (token,) = tokens("à l'école")
    assert token == Token(term="ecol", start=4, end=9, position=1)


def test_positions_count_the_removed_stop_words():
    assert [token.position for token in tokens("les élèves et les parents")] == [1, 4]


def test_tokens_and_analyse_agree():
    text = "Jusqu'à quand les salariés attendront-ils l'accord du principal ?"
    assert [token.term for token in tokens(text)] == analyse(text)


# -- typo tolerance


@pytest.mark.parametrize(
    ("term", "edits"),
    [("", 0), ("clas", 0), ("ecole", 1), ("reunion", 1), ("enseign", 1), ("colleges", 2)],
)
def test_max_edits_follows_auto_5_8(term, edits):
    assert max_edits(term) == edits


def test_a_missing_accent_is_no_edit_once_folded():
    assert within_edits(fold("absentéisme"), fold("absenteisme"), 0)


@pytest.mark.parametrize(
    ("a", "b", "limit", "expected"),
    [
        ("enseignnat", "enseignant", 1, True),  # a transposition is one edit
        ("colege", "college", 1, True),  # an insertion
        ("college", "colege", 1, True),  # a deletion
        ("reunoin", "reunion", 1, True),
        ("couriel", "courriel", 1, True),
        ("enseigants", "enseignants", 2, True),
        ("ecole", "ecoute", 1, False),  # two edits
        ("ecole", "ecoute", 2, True),
        ("ab", "ba", 1, True),
        ("abc", "cab", 1, False),
        ("same", "same", 0, True),
        ("same", "sane", 0, False),
        ("court", "courtois", 2, False),  # the lengths alone rule it out
        ("", "ab", 2, True),
    ],
)
def test_within_edits(a, b, limit, expected):
    assert within_edits(a, b, limit) is expected
    assert within_edits(b, a, limit) is expected


def _osa_distance(a: str, b: str) -> int:
    """The textbook optimal-string-alignment distance, unbounded and slow."""
    rows = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            rows[i][j] = min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                rows[i][j] = min(rows[i][j], rows[i - 2][j - 2] + 1)
    return rows[-1][-1]


def _random_word(rng: random.Random) -> str:
    # Few letters, so that random words are often within a few edits of each other.
    return "".join(rng.choice("aeilnorst") for _ in range(rng.randint(0, 12)))


def _typo(rng: random.Random, word: str) -> str:
    letters = list(word)
    for _ in range(rng.randint(0, 3)):
        place = rng.randint(0, max(0, len(letters) - 1))
        kind = rng.choice("sidt")
        if kind == "s" and letters:
            letters[place] = rng.choice("aelnt")
        elif kind == "i":
            letters.insert(place, rng.choice("aelnt"))
        elif kind == "d" and letters:
            del letters[place]
        elif kind == "t" and place < len(letters) - 1:
            letters[place], letters[place + 1] = letters[place + 1], letters[place]
    return "".join(letters)


def test_within_edits_agrees_with_the_textbook_distance():
    rng = random.Random(20240901)
    for _ in range(3000):
        a = _random_word(rng)
        b = _typo(rng, a) if rng.random() < 0.7 else _random_word(rng)
        distance = _osa_distance(a, b)
        for limit in (0, 1, 2, 3):
            assert within_edits(a, b, limit) is (distance <= limit), (a, b, limit)


def test_similar_terms_finds_a_typo():
    vocabulary = ["college", "colle", "ecole", "collegue"]
    assert similar_terms("colege", vocabulary) == ["college"]
    assert similar_terms(light_stem("enseignnats"), ["enseignant", "enseign"]) == ["enseignant"]


def test_similar_terms_puts_the_closest_first_and_leaves_the_term_out():
    vocabulary = ["reunions", "reunion", "rennion", "reunoin", "reunir", "union"]
    assert similar_terms("reunion", vocabulary) == ["rennion", "reunions", "reunoin"]


def test_a_word_under_five_letters_gets_no_similar_terms():
    assert similar_terms("clas", ["class", "clos", "glas", "clase"]) == []
    assert similar_terms("cafi", ["cafe"]) == []


def test_similar_terms_takes_any_iterable_and_reports_each_term_once():
    vocabulary = (word for word in ["parents", "parent", "parents", "garent"])
    assert similar_terms("parent", vocabulary) == ["garent", "parents"]


def test_similar_terms_agrees_with_the_textbook_distance():
    rng = random.Random(7)
    for _ in range(60):
        term = _random_word(rng) + "ab"
        vocabulary = [_random_word(rng) for _ in range(50)] + [_typo(rng, term) for _ in range(20)]
        limit = max_edits(term)
        close = {word for word in vocabulary if word != term and _osa_distance(term, word) <= limit}
        expected = sorted(close, key=lambda word: (_osa_distance(term, word), word))
        assert similar_terms(term, vocabulary) == expected, term


# -- purity


def test_the_module_needs_no_django():
    code = "import sys, search.analysis; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
