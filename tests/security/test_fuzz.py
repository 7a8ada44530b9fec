"""Property-based tests (hypothesis): the import parser and the search never break, whatever
they are given. bench/fuzz.py runs the same properties with many more examples."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.factories import publish_practice
from tests.security import fuzzing
from wiki.exchange.data import Difficulty

EXAMPLES = settings(
    max_examples=200,
    deadline=None,
    database=None,  # no .hypothesis folder left in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@EXAMPLES
@given(st.text(max_size=2000))
def test_any_text_is_read_or_refused_with_the_formats_error(text):
    fuzzing.parses_or_refuses(text)


@EXAMPLES
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_with_the_formats_error(content):
    fuzzing.file_parses_or_refuses(content)


@EXAMPLES
@given(fuzzing.TEXT)
def test_text_with_markdown_and_yaml_signs_is_read_or_refused(text):
    fuzzing.parses_or_refuses(text)


@EXAMPLES
@given(fuzzing.FRONT_MATTERS)
def test_any_front_matter_mapping_is_read_or_refused(front):
    fuzzing.wrong_front_matter_is_refused_cleanly(front)


@EXAMPLES
@given(fuzzing.FRONT_MATTER_LINES)
@example(["summary: \x1f"])  # found by this test: YAML refused the control character itself
def test_broken_front_matter_lines_are_read_or_refused(lines):
    fuzzing.broken_front_matter_lines(lines)


@EXAMPLES
@given(fuzzing.BODY_INSERTIONS)
def test_odd_lines_among_the_sections_are_read_or_refused(insertions):
    fuzzing.mutated_body(insertions)


@pytest.fixture
def practices(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish_practice(
            title="Une école ouverte aux familles",
            slug="ecole",
            difficulties=[Difficulty("Une maman en colère", "<p>Une rencontre au centre.</p>")],
        )
        publish_practice(title="Le café des parents", slug="cafe")


@EXAMPLES
@given(fuzzing.SEARCH_QUERIES)
def test_the_search_never_answers_a_server_error(client, practices, params):
    fuzzing.search_never_fails(client, params)
