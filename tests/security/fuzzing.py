"""Properties that must hold for any input, with the hypothesis strategies that draw it.

Shared by tests/security/test_fuzz.py (a few hundred examples in `make test`) and
bench/fuzz.py (ten thousand and more). Each property raises AssertionError, or the unexpected
exception itself, when it does not hold.

- The import parser either returns a PracticeData or refuses the file with its own
  PracticeFormatError, whatever the text, the bytes or the front matter.
- The search API, the suggestions and the search page answer 200 or 400 (a JSON error for the
  API), never a server error, whatever the parameters.
"""

import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import strategies as st

from wiki.exchange import PracticeData, PracticeFormatError, parse_practice, read_practice_file
from wiki.exchange.front_matter import FRONT_MATTER_KEYS
from wiki.vocabulary import STAGES, THEMES

EXAMPLE = (
    Path(__file__).resolve().parent.parent
    / "exchange"
    / "examples"
    / "cafe-des-parents-a-la-sortie-de-l-ecole.md"
)
THEME_SLUGS = [slug for slug, _title in THEMES]
STAGE_SLUGS = [slug for slug, _title, _description in STAGES]
KNOWN_KEYS = list(FRONT_MATTER_KEYS)
KNOWN_VALUES = [*THEME_SLUGS, *STAGE_SLUGS, "csx", "en", "acteurs", "college", "maternelle"]
SEARCH_PARAMS = ["q", "theme", "audience", "stage", "level", "section", "page"]


def example_parts() -> tuple[str, str]:
    """The example file's front matter (without fences) and its body."""
    _empty, front, body = EXAMPLE.read_text(encoding="utf-8").split("---\n", 2)
    return front, body


# Text people (or programs) might put anywhere: anything, plus the characters that mean
# something to YAML, Markdown and HTML.
SIGNS = "-:#[]{}&*!|>'\"%@`,?\n\t\r\x00\x0b\x1b\x1f\u2028\u00a0\ufeff<>/\\="
MARKS = ["---", "## ", "### ", "1. ", "- [ ] ", "> ", "— ", "**", "!!python/object", "&a", "*a"]
SPECIAL = st.sampled_from([*SIGNS, *MARKS])
TEXT = st.lists(st.one_of(st.text(max_size=20), SPECIAL), max_size=30).map("".join)

YAML_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.dates(),
    st.sampled_from(KNOWN_VALUES),
    TEXT,
)
YAML_VALUES = st.recursive(
    YAML_SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=8)), children, max_size=4
        ),
    ),
    max_leaves=10,
)
FRONT_MATTERS = st.dictionaries(
    st.one_of(st.sampled_from(KNOWN_KEYS), st.text(max_size=12)), YAML_VALUES, max_size=12
)


def parses_or_refuses(text: str) -> None:
    try:
        result = parse_practice(text, theme_slugs=THEME_SLUGS, stage_slugs=STAGE_SLUGS)
    except PracticeFormatError as error:
        assert error.reason.strip(), "a refusal must say why"
        return
    assert isinstance(result, PracticeData)


def file_parses_or_refuses(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pratique.md"
        path.write_bytes(content)
        try:
            result = read_practice_file(path, theme_slugs=THEME_SLUGS, stage_slugs=STAGE_SLUGS)
        except PracticeFormatError:
            return
    assert isinstance(result, PracticeData)


def wrong_front_matter_is_refused_cleanly(front: dict) -> None:
    """Any YAML mapping as front matter, before the example's valid body."""
    _front, body = example_parts()
    parses_or_refuses("---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)


def broken_front_matter_lines(lines: list[str]) -> None:
    """The example's front matter with lines replaced or added: broken YAML included."""
    front, body = example_parts()
    kept = front.splitlines()
    parses_or_refuses("---\n" + "\n".join(kept[: len(lines)] + lines) + "\n---\n" + body)


def mutated_body(insertions: list[tuple[int, str]]) -> None:
    """The example with arbitrary lines inserted among its sections."""
    front, body = example_parts()
    lines = body.splitlines()
    for position, line in insertions:
        lines.insert(position % (len(lines) + 1), line)
    parses_or_refuses("---\n" + front + "---\n" + "\n".join(lines))


FRONT_MATTER_LINES = st.lists(
    st.one_of(
        TEXT,
        st.builds(lambda key, value: f"{key}: {value}", st.sampled_from(KNOWN_KEYS), TEXT),
    ),
    max_size=12,
)
BODY_INSERTIONS = st.lists(st.tuples(st.integers(0, 200), TEXT), max_size=10)


# Search parameters: each one absent, once, or repeated, with any text.
PARAM_VALUES = st.one_of(
    TEXT,
    st.text(min_size=150, max_size=400),
    st.sampled_from(["difficulties", "1", "0", "-1", "500", "501", "9" * 30, *KNOWN_VALUES]),
)
SEARCH_QUERIES = st.dictionaries(
    st.sampled_from(SEARCH_PARAMS), st.lists(PARAM_VALUES, min_size=1, max_size=3), max_size=7
)


def search_never_fails(client, params: dict[str, list[str]]) -> None:
    api = client.get("/api/search/", params)
    assert api.status_code in (200, 400), api.status_code
    data = json.loads(api.content)
    assert ("results" in data) if api.status_code == 200 else ("error" in data)
    suggestions = client.get("/api/search/suggestions/", params)
    assert suggestions.status_code == 200, suggestions.status_code
    assert isinstance(json.loads(suggestions.content)["suggestions"], list)
    page = client.get("/recherche/", params)
    assert page.status_code == 200, page.status_code
