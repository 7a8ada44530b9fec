"""'Se situer': the answers place a centre at one stage and propose practices, storing nothing."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import publish_practice
from wiki.guide.content import OrientationQuestion
from wiki.orientation import QUESTIONS, stage_for_answers

pytestmark = pytest.mark.django_db


def query_string(indexes) -> str:
    """Answers as the form sends them: one index per question, None for no answer."""
    return "&".join(
        f"q{number}={index}" for number, index in enumerate(indexes, start=1) if index is not None
    )


def answers_pointing_to(*stages) -> str:
    """The query string of the answers that point to these stages, question by question."""
    indexes = [
        [slug for _label, slug in question.answers].index(stage)
        for question, stage in zip(QUESTIONS, stages, strict=True)
    ]
    return query_string(indexes)


def result_of(client, query: str) -> str:
    return client.get(f"/se-situer/?{query}").content.decode()


def test_the_questions_are_data_the_printed_guide_can_lay_out():
    assert 5 <= len(QUESTIONS) <= 8
    for question in QUESTIONS:
        assert isinstance(question, OrientationQuestion)
        assert 2 <= len(question.answers) <= 4
        assert {slug for _label, slug in question.answers} <= {
            "premier-contact",
            "cooperation-ponctuelle",
            "partenariat-installe",
        }


def test_all_first_answers_place_at_first_contact(client):
    html = result_of(client, query_string([0] * len(QUESTIONS)))

    assert "Votre étape :</span> Premier contact" in html


def test_all_last_answers_place_at_an_installed_partnership(client):
    html = result_of(client, query_string([len(q.answers) - 1 for q in QUESTIONS]))

    assert "Votre étape :</span> Partenariat installé" in html


def test_a_mixed_pattern_places_at_the_stage_most_answers_point_to(client):
    query = answers_pointing_to(
        "cooperation-ponctuelle",
        "premier-contact",
        "cooperation-ponctuelle",
        "partenariat-installe",
        "cooperation-ponctuelle",
        "partenariat-installe",
    )

    assert "Votre étape :</span> Coopération ponctuelle" in result_of(client, query)


def test_a_tie_goes_to_the_earlier_stage(client):
    query = answers_pointing_to(
        "partenariat-installe",
        "cooperation-ponctuelle",
        "partenariat-installe",
        "cooperation-ponctuelle",
        "partenariat-installe",
        "cooperation-ponctuelle",
    )

    assert "Votre étape :</span> Coopération ponctuelle" in result_of(client, query)
    assert stage_for_answers(["premier-contact", "partenariat-installe"]) == "premier-contact"


def test_the_result_proposes_practices_of_the_stage_and_of_the_next_one(client):
    publish_practice(title="Une rencontre de rentrée", slug="rentree", stage="premier-contact")
    publish_practice(title="Un projet à deux", slug="projet", stage="cooperation-ponctuelle")
    publish_practice(title="Un comité de pilotage", slug="comite", stage="partenariat-installe")

    html = result_of(client, query_string([0] * len(QUESTIONS)))

    assert 'href="/pratiques/rentree/"' in html
    assert 'href="/pratiques/projet/"' in html
    assert "comite" not in html
    assert 'href="/se-situer/">Refaire le questionnaire' in html


def test_unanswered_questions_are_named_and_given_answers_kept(client):
    html = result_of(client, query_string([2, None, 1, None, 0, 0]))

    assert "Il manque 2 réponses." in html
    assert f"Question 2 : {QUESTIONS[1].text}".replace("'", "&#x27;") in html
    assert f"Question 4 : {QUESTIONS[3].text}".replace("'", "&#x27;") in html
    assert 'name="q1" value="2" checked' in html
    assert 'name="q3" value="1" checked' in html
    assert "Votre étape" not in html


def test_an_answer_that_does_not_exist_counts_as_unanswered(client):
    html = result_of(client, query_string([0, 0, 0, 0, 0, 9]))

    assert "Il manque une réponse." in html


def test_answering_writes_nothing_and_sets_no_cookie(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/se-situer/?{query_string([1] * len(QUESTIONS))}")

    assert response.status_code == 200
    assert not response.cookies
    assert not client.cookies
    assert Session.objects.count() == 0
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if query["sql"].split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE", "REPLACE")
    ]
    assert writes == []


def test_the_main_navigation_has_se_situer(client):
    assert '<a href="/se-situer/"' in client.get("/bienvenue/").content.decode()
