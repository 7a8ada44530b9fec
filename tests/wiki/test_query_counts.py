"""The number of SQL queries of a page does not grow with the amount of content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import publish_practice
from wiki.exchange.data import Difficulty, Step

pytestmark = pytest.mark.django_db


def count_queries(client, url: str) -> int:
    client.get("/")  # the site's root paths are cached by the first request: keep them out
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_practice_page_costs_the_same_queries_with_more_practices_and_sections(client):
    publish_practice(slug="petite")
    small = count_queries(client, "/pratiques/petite/")
    for number in range(15):
        publish_practice(slug=f"autre-{number}")
    publish_practice(
        slug="grande",
        steps=[Step(f"Étape {n}", "<p>Texte.</p>") for n in range(12)],
        difficulties=[Difficulty(f"Difficulté {n}", "<p>Réponse.</p>") for n in range(9)],
        memo=[f"Point {n}" for n in range(10)],
        themes=["communiquer", "parents-ecole", "projets-communs"],
    )
    assert count_queries(client, "/pratiques/grande/") == small
    assert small <= 20


@pytest.mark.parametrize(
    "url",
    [
        "/pratiques/",
        "/pratiques/?theme=communiquer&stage=premier-contact",
        "/",
        "/themes/",
        "/themes/communiquer/",
    ],
)
def test_lists_cost_the_same_queries_with_three_or_twenty_practices(client, url):
    for number in range(3):
        publish_practice(slug=f"a-{number}", themes=["communiquer", "parents-ecole"])
    few = count_queries(client, url)
    for number in range(17):
        publish_practice(slug=f"b-{number}", themes=["communiquer", "projets-communs"])
    assert count_queries(client, url) == few
