"""Rich sections come out as compact HTML restricted to Wagtail's rich text tags, never unsafe."""

from html.parser import HTMLParser

import pytest

from .helpers import BODY, parse, practice_text

ALLOWED_TAGS = {"p", "b", "i", "ul", "ol", "li", "a", "br", "h3", "h4"}


def context_html(markdown: str) -> str:
    body = BODY.replace("Les parents ne connaissaient pas l'équipe.", markdown)
    return parse(practice_text(body=body)).context


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    collector = TagCollector()
    collector.feed(html)
    return collector.tags


def test_rich_text_is_compact_html_with_b_and_i():
    html = context_html(
        "Un **grand** *café*\net une [affiche](https://example.org/a.pdf).\n\n- un\n- deux\n\n"
        "1. trois\n\n### Un sous-titre\n\n#### Un autre\n\nLigne\\\ncoupée."
    )

    assert html == (
        '<p>Un <b>grand</b> <i>café</i> et une <a href="https://example.org/a.pdf">affiche</a>.'
        "</p><ul><li>un</li><li>deux</li></ul><ol><li>trois</li></ol>"
        "<h3>Un sous-titre</h3><h4>Un autre</h4><p>Ligne<br>coupée.</p>"
    )


@pytest.mark.parametrize(
    "markdown",
    [
        "<script>alert(1)</script>",
        "Texte <script>alert(1)</script> suite",
        '<img src="x" onerror="alert(1)">',
        'Un <a href="#" onclick="alert(1)">lien</a>',
        "<div onmouseover=alert(1)>survol</div>",
        "[lien](javascript:alert(1))",
        "<javascript:alert(1)>",
        "![image](javascript:alert(1))",
    ],
)
def test_injected_markup_never_comes_out_executable(markdown):
    html = context_html(markdown)

    tags = tags_of(html)
    assert "<script" not in html
    assert all(tag in ALLOWED_TAGS for tag, _ in tags)
    assert all(name == "href" for _, attrs in tags for name, _ in attrs)
    assert "javascript:" not in "".join(value or "" for _, attrs in tags for _, value in attrs)


def test_raw_html_is_shown_as_text():
    assert context_html("Un <b>gras</b> en HTML") == "<p>Un &lt;b&gt;gras&lt;/b&gt; en HTML</p>"


def test_link_to_an_unsafe_address_keeps_only_its_text():
    assert context_html("[lien](javascript:alert(1)) et [local](/page)") == (
        "<p>[lien](javascript:alert(1)) et local</p>"
    )


def test_markup_outside_the_allow_list_keeps_its_text():
    html = context_html("> Une citation\n\n```\ndu code\n```\n\n##### Petit titre\n\n---\n\n`x`")

    assert html == "<p>Une citation</p><p>du code</p><h4>Petit titre</h4><p>x</p>"
