"""The search page, the API and the suggestions over HTTP, on the site's own engine."""

import pytest

from tests.factories import make_draft, publish_practice
from wiki.exchange.data import Difficulty

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Publishing runs the index updates the site runs after each commit."""

    def publish(**fields):
        with django_capture_on_commit_callbacks(execute=True):
            return publish_practice(**fields)

    return publish


def test_the_api_answers_in_the_documented_shape(client, indexed):
    indexed(
        title="Joindre les enseignants",
        slug="joindre",
        difficulties=[
            Difficulty(
                "Les enseignants ne répondent pas aux courriels", "<p>Passer par la direction.</p>"
            )
        ],
    )
    data = client.get("/api/search/", {"q": "les enseignants ne répondent pas aux mails"}).json()
    assert set(data) >= {"query", "engine", "total", "results", "facets"}
    assert data["engine"] == "database"
    assert data["total"] == 1
    result = data["results"][0]
    assert set(result) == {"slug", "title", "url", "summary", "score", "highlights", "difficulty"}
    assert result["slug"] == "joindre"
    assert result["difficulty"] == {
        "question": "Les enseignants ne répondent pas aux courriels",
        "answer": "Passer par la direction.",
        "url": "/pratiques/joindre/#difficulte-les-enseignants-ne-repondent-pas-aux-courriels",
    }
    assert {"section", "text"} == set(result["highlights"][0])
    assert set(data["facets"]) == {"themes", "audience", "stage", "levels"}
    assert data["facets"]["themes"] == {"aller-vers-l-ecole": 1}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x", "theme": "inconnu"},
        {"q": "x", "stage": "amis"},
        {"q": "x", "level": "fac"},
        {"q": "x", "audience": "tous"},
        {"q": "x", "section": "titres"},
        {"q": "x", "page": "0"},
        {"q": "x", "page": "abc"},
        {"q": "x" * 201},
    ],
)
def test_bad_parameters_get_a_400_with_a_json_error(client, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert response.json()["error"] == "Paramètres invalides."
    assert response.json()["details"]


def test_drafts_and_private_practices_never_reach_search_suggestions_or_the_api(
    client, indexed, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    indexed(title="Kermesse publique", slug="publique")
    with django_capture_on_commit_callbacks(execute=True):
        make_draft(title="Kermesse brouillon", slug="brouillon")
    private = indexed(title="Kermesse privée", slug="privee")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=private, restriction_type="login")

    api = client.get("/api/search/", {"q": "kermesse"}).json()
    assert [result["slug"] for result in api["results"]] == ["publique"]
    page = client.get("/recherche/", {"q": "kermesse"}).content.decode()
    assert "Kermesse publique" in page and "brouillon" not in page and "privée" not in page
    suggestions = client.get("/api/search/suggestions/", {"q": "kerm"}).json()["suggestions"]
    assert [item["label"] for item in suggestions] == ["Kermesse publique"]


def test_unpublishing_and_deleting_remove_a_practice_from_results(
    client, indexed, django_capture_on_commit_callbacks
):
    page = indexed(title="Kermesse", slug="kermesse")
    assert client.get("/api/search/", {"q": "kermesse"}).json()["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert client.get("/api/search/", {"q": "kermesse"}).json()["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get("/api/search/", {"q": "kermesse"}).json()["total"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert client.get("/api/search/", {"q": "kermesse"}).json()["total"] == 0


def test_a_new_glossary_synonym_is_used_at_once(
    client, indexed, django_capture_on_commit_callbacks
):
    from wiki.models import GlossaryTerm

    indexed(title="Un CLAS avec l'école", slug="clas")
    assert client.get("/api/search/", {"q": "aide aux devoirs"}).json()["total"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        GlossaryTerm.objects.create(
            term="CLAS",
            expansion="Contrat local d'accompagnement à la scolarité",
            definition="<p>Un dispositif.</p>",
            side="csx",
            synonyms="aide aux devoirs",
        )
    assert client.get("/api/search/", {"q": "aide aux devoirs"}).json()["total"] == 1


def test_the_search_page_works_without_javascript(client, indexed):
    indexed(
        title="Une médiation",
        slug="mediation",
        difficulties=[Difficulty("Une maman en colère", "<p>Une rencontre au centre.</p>")],
    )
    html = client.get("/recherche/", {"q": "mediation maman en colere"}).content.decode()
    assert "1 pratique trouvée" in html
    assert 'href="/pratiques/mediation/#difficulte-une-maman-en-colere"' in html
    assert "<mark>" in html
    assert 'action="/recherche/"' in client.get("/").content.decode()


def test_no_result_proposes_themes_and_broader_words(client, indexed):
    indexed(title="Une fête", slug="fete")
    html = client.get("/recherche/", {"q": "piscine trampoline"}).content.decode()
    assert "Aucun résultat" in html
    assert "Essayez un seul de vos mots" in html
    assert "/themes/communiquer/" in html


def test_suggestions_start_at_two_characters_and_include_glossary_terms(client, indexed):
    from wiki.models import GlossaryTerm

    GlossaryTerm.objects.create(
        term="REP", expansion="Réseau d'éducation prioritaire", definition="<p>x</p>", side="en"
    )
    indexed(title="Le réseau des centres", slug="reseau")
    assert client.get("/api/search/suggestions/", {"q": "r"}).json()["suggestions"] == []
    labels = [
        s["label"]
        for s in client.get("/api/search/suggestions/", {"q": "re"}).json()["suggestions"]
    ]
    assert "REP — Réseau d'éducation prioritaire" in labels
    assert "Le réseau des centres" in labels


@pytest.mark.parametrize(
    "text",
    [
        '"',
        '""',
        "*",
        "NEAR(a b)",
        "a AND",
        "OR OR",
        "-école",
        "col:valeur",
        "{title}:x",
        "l'",
        "'",
        "’’’",
        "🙂 école",
        "\x00",
        # A NUL inside a longer query reached PostgreSQL through the suggestions (found by
        # the fuzzer): PostgreSQL refuses NUL in text.
        "0" * 150 + "\x00",
        "éc\x00ole",
        "a" * 200,
        "le la les des",
        "é" * 50,
        "<script>alert(1)</script>",
        "%",
        "\\",
        "((((",
        "^ab",
        "école^2",
        "a:b:c",
    ],
)
def test_odd_queries_never_break_the_search(client, indexed, text):
    indexed(title="Une école ouverte", slug="ecole")
    assert client.get("/api/search/", {"q": text}).status_code == 200
    assert client.get("/recherche/", {"q": text}).status_code == 200
    assert client.get("/api/search/suggestions/", {"q": text}).status_code == 200
