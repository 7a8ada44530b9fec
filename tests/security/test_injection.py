"""Script, HTML and template injection attempts through every way text enters the site come
out as inert text: no script element, no event handler attribute, no javascript: link, and
template syntax shown as typed (never evaluated), in pages, JSON and the printed guide."""

import io
import json

import pytest
import yaml
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import escape
from pypdf import PdfReader
from wagtail.test.utils.form_data import inline_formset, rich_text

from tests.factories import PracticeDataFactory, practice_index
from tests.guide.editions import make_edition
from tests.meetings.factories import make_meeting
from tests.wiki.admin_forms import practice_form_data
from wiki.exchange import PracticeFormatError, parse_practice, render_practice
from wiki.exchange.pages import save_practice
from wiki.guide.booklet import booklet_parts, build_booklet
from wiki.guide.freezing import publish_edition
from wiki.guide.models import GuideEdition
from wiki.guide.snapshot import content_from_json
from wiki.models import GlossaryTerm, PracticePage
from wiki.vocabulary import ROLE_COORDINATION, STAGES, THEMES

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
JS_LINK = "javascript:alert(1)"
TEMPLATE = "{{ request.user.password }}{% debug %}"
PAYLOAD = f"{SCRIPT} {IMAGE} {TEMPLATE}"


def assert_inert(html: str) -> None:
    """Nothing in `html` runs: the payloads may appear only as text."""
    soup = BeautifulSoup(html, "html.parser")
    for script in soup.find_all("script"):
        assert "alert(1)" not in script.get_text(), "an injected script element"
    for tag in soup.find_all(True):
        for name, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            assert not (name.startswith("on") and "alert" in text), f"<{tag.name} {name}>"
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                assert not text.strip().lower().startswith("javascript:"), f"<{tag.name} {name}>"
    assert "<img src=x" not in html
    # Template syntax is shown as typed, never evaluated (nothing leaks, nothing vanishes).
    assert "sql_queries" not in html and "pbkdf2" not in html and "md5$" not in html


def shown_as_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text()


def practice_file(payload: str) -> str:
    """A practice file with the payload in every field the format has."""
    front = {
        "title": f"Titre {payload}",
        "summary": f"Résumé {payload}",
        "themes": [THEMES[0][0]],
        "audience": ["csx"],
        "stage": STAGES[0][0],
        "structure": f"Structure {payload}",
        "territory": f"Territoire {payload}",
        "partners": [f"Partenaire {payload}"],
    }
    return (
        "---\n"
        + yaml.safe_dump(front, allow_unicode=True)
        + f"""---

## Le point de départ
Départ {payload} [un lien]({JS_LINK}) <a href="{JS_LINK}">html</a>

## Objectifs
Objectifs {payload}

## Les ingrédients
Ingrédients {payload}

## Les étapes
1. **Étape {SCRIPT}** — texte {payload}

## Ce qui a marché
Réussite {payload}

## Difficultés et réponses
### Difficulté {payload}
Réponse {payload}

## Mémo : à ne pas oublier
- [ ] Mémo {payload}

## Paroles d'acteurs
> « Parole {payload} »
> — une personne {SCRIPT}

## Ressources
- [Ressource {SCRIPT}](https://example.org/plaquette.pdf)
- [Autre ressource](https://example.org/{SCRIPT})
"""
    )


@pytest.fixture
def imported(client):
    data = parse_practice(
        practice_file(PAYLOAD),
        theme_slugs=[slug for slug, _ in THEMES],
        stage_slugs=[slug for slug, *_ in STAGES],
    )
    data.slug = "injection"
    save_practice(data, practice_index())
    return PracticePage.objects.get(slug="injection")


def test_an_imported_practice_shows_every_payload_as_text(client, imported):
    html = client.get("/pratiques/injection/").content.decode()
    assert_inert(html)
    text = shown_as_text(html)
    assert "Départ <script>alert(1)</script>" in text
    assert "Réponse <script>alert(1)</script>" in text
    assert TEMPLATE in text


def test_the_import_refuses_a_javascript_address_for_a_resource():
    text = practice_file("x") + f"- [Piège]({JS_LINK})\n"
    with pytest.raises(PracticeFormatError, match="Adresse refusée"):
        parse_practice(
            text,
            theme_slugs=[slug for slug, _ in THEMES],
            stage_slugs=[slug for slug, *_ in STAGES],
        )


def test_an_export_of_the_imported_practice_reads_back_the_same(imported):
    from wiki.exchange.pages import page_to_data

    data = page_to_data(imported)
    again = parse_practice(
        render_practice(data),
        theme_slugs=[slug for slug, _ in THEMES],
        stage_slugs=[slug for slug, *_ in STAGES],
    )
    assert again.summary == data.summary and again.context == data.context


def test_a_practice_saved_in_the_admin_shows_every_payload_as_text(client, client_for):
    editor = client_for(ROLE_COORDINATION)
    index = practice_index()
    link = {
        "blocks": [
            {
                "key": "a1b2c",
                "type": "unstyled",
                "text": "un lien piégé",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 13, "key": 0}],
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": JS_LINK}}},
    }
    data = practice_form_data(
        title=f"Titre {PAYLOAD}",
        slug="injection-admin",
        summary=f"Résumé {PAYLOAD}",
        structure=f"Structure {SCRIPT}",
        territory=f"Territoire {IMAGE}",
        context=json.dumps(link),
        objectives=rich_text(f"<p>Objectifs {SCRIPT}</p><script>alert(1)</script>"),
        steps=inline_formset([{"title": f"Étape {PAYLOAD}", "text": rich_text("<p>x</p>")}]),
        memo_items=inline_formset([{"text": f"Mémo {PAYLOAD}"}]),
        quotes=inline_formset([{"text": f"Parole {PAYLOAD}", "who": f"qui {SCRIPT}"}]),
        partners=inline_formset([{"name": f"Partenaire {PAYLOAD}"}]),
        resources=inline_formset(
            [{"label": f"Ressource {PAYLOAD}", "url": "https://example.org/"}]
        ),
        **{"action-publish": "publish"},
    )
    url = reverse("wagtailadmin_pages:add", args=("wiki", "practicepage", index.pk))
    response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    html = client.get("/pratiques/injection-admin/").content.decode()
    assert_inert(html)
    assert f"Étape {SCRIPT}" in shown_as_text(html)


def test_a_javascript_link_is_refused_as_a_resource_address(client_for):
    editor = client_for(ROLE_COORDINATION)
    data = practice_form_data(
        slug="lien-piege",
        resources=inline_formset([{"label": "Piège", "url": JS_LINK}]),
    )
    url = reverse("wagtailadmin_pages:add", args=("wiki", "practicepage", practice_index().pk))
    assert editor.post(url, data).status_code == 200
    assert not PracticePage.objects.filter(slug="lien-piege").exists()


@pytest.fixture
def glossary_payload(client_for):
    editor = client_for(ROLE_COORDINATION)
    response = editor.post(
        reverse("wagtailsnippets_wiki_glossaryterm:add"),
        {
            "term": "REP",
            "expansion": f"Réseau {PAYLOAD}",
            "definition": rich_text(f"<p>Définition {SCRIPT}</p><script>alert(1)</script>"),
            "side": "en",
            "synonyms": f"synonyme {SCRIPT}\n{IMAGE}",
        },
    )
    assert response.status_code == 302
    return GlossaryTerm.objects.get(term="REP")


def test_glossary_fields_and_their_tooltips_in_practices_are_inert(client, glossary_payload):
    save_practice(
        PracticeDataFactory(
            slug="avec-rep", context="<p>Le REP du quartier.</p>", summary="Le REP et nous."
        ),
        practice_index(),
    )
    client.logout()
    practice = client.get("/pratiques/avec-rep/").content.decode()
    assert 'class="gloss__tip"' in practice  # the tooltip is there
    assert_inert(practice)
    assert f"Réseau {SCRIPT}" in shown_as_text(practice)
    glossary = client.get("/glossaire/").content.decode()
    assert_inert(glossary)
    assert f"Réseau {SCRIPT}" in shown_as_text(glossary)


@pytest.mark.parametrize("query", [SCRIPT, IMAGE, TEMPLATE, JS_LINK, PAYLOAD])
def test_search_queries_are_shown_as_text(client, query, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save_practice(
            PracticeDataFactory(slug="alerte", title="Alerte script image", summary=PAYLOAD),
            practice_index(),
        )
    page = client.get("/recherche/", {"q": query}).content.decode()
    assert_inert(page)
    api = client.get("/api/search/", {"q": query})
    data = api.json()
    assert data["query"] == " ".join(query.split())  # a JSON string, as typed
    for result in data["results"]:
        for highlight in result["highlights"]:
            assert_inert(highlight["text"])  # snippets are HTML: escaped, with only <mark>
            assert set(BeautifulSoup(highlight["text"], "html.parser").find_all(True)) <= set(
                BeautifulSoup(highlight["text"], "html.parser").find_all("mark")
            )
    assert api["Content-Type"] == "application/json"
    suggestions = client.get("/api/search/suggestions/", {"q": query[:3]})
    assert suggestions["Content-Type"] == "application/json"
    assert suggestions.json()["query"] == query[:3]


def test_suggestions_carry_titles_as_json_strings(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        save_practice(
            PracticeDataFactory(slug="alerte", title=f"Alerte {SCRIPT}"), practice_index()
        )
    data = client.get("/api/search/suggestions/", {"q": "alerte"}).json()
    assert [item["label"] for item in data["suggestions"]] == [f"Alerte {SCRIPT}"]
    html = client.get("/recherche/", {"q": "alerte"}).content.decode()
    assert_inert(html)


def test_the_contribution_form_keeps_payloads_as_text(client, client_for):
    typed = {
        "title": f"Titre {PAYLOAD}",
        "summary": f"Résumé {PAYLOAD}",
        "context": f"Départ {PAYLOAD}",
        "contributor_name": f"Nom {SCRIPT}",
        "contributor_email": "awa@example.org",
    }
    # Refused (sections missing): the form comes back with what was typed, inert.
    refused = client.post("/partager-une-experience/", typed)
    assert refused.status_code == 400
    assert_inert(refused.content.decode())
    title_field = BeautifulSoup(refused.content.decode(), "html.parser").find(
        "input", {"name": "title"}
    )
    assert title_field["value"] == f"Titre {PAYLOAD}"

    # Accepted: the draft shows the payloads as text.
    response = client.post(
        "/partager-une-experience/",
        {**typed, "objectives": f"Objectifs {PAYLOAD}", "step_1_title": f"Étape {PAYLOAD}"},
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(title__startswith="Titre")
    draft = client_for(ROLE_COORDINATION).get(f"/pratiques/brouillons/{page.pk}/")
    assert_inert(draft.content.decode())
    assert f"Départ {SCRIPT}" in shown_as_text(draft.content.decode())


def test_meeting_fields_are_inert(client_for):
    from datetime import datetime

    from django.utils import timezone

    meeting = make_meeting(
        f"Rencontre {PAYLOAD}",
        timezone.make_aware(datetime(2026, 3, 2, 14)),
        place=f"Lieu {IMAGE}",
        participants=f"Awa {SCRIPT}\nSamir {TEMPLATE}",
        # Rich text as the admin's editor stores it: the typed payload escaped in a paragraph.
        agenda=f"<p>Ordre du jour {escape(PAYLOAD)}</p>",
        next_steps=[(f"Faire {SCRIPT}", f"Qui {IMAGE}", None)],
    )
    reader = client_for(ROLE_COORDINATION)
    for url in (meeting.url, "/rencontres/"):
        html = reader.get(url).content.decode()
        assert_inert(html)
    assert f"Awa {SCRIPT}" in shown_as_text(reader.get(meeting.url).content.decode())


def test_the_guide_online_and_in_print_shows_payloads_as_text(client, imported):
    edition = make_edition(
        [(None, [imported], f"Chapitre {PAYLOAD}")],
        purpose=f"<p>But {escape(PAYLOAD)}</p>",  # as the admin stores rich text
        subtitle=f"Sous-titre {IMAGE}",
    )
    publish_edition(edition)
    html = client.get(reverse("guide:edition", args=[edition.slug])).content.decode()
    assert_inert(html)
    assert f"Chapitre {SCRIPT}" in shown_as_text(html)
    content = content_from_json(GuideEdition.objects.get(pk=edition.pk).frozen_content)
    # The HTML WeasyPrint lays out (one document per part), then the text of the PDF itself.
    printed_html = "".join(
        render_to_string("guide/print/booklet.html", part.context)
        for part in booklet_parts(content)
    )
    assert_inert(printed_html)
    assert "Départ <script>alert(1)</script>" in shown_as_text(printed_html)
    pdf = PdfReader(io.BytesIO(build_booklet(content)))
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Départ <script>alert(1)</script>" in pdf_text
    assert "{{ request.user.password }}" in pdf_text


def test_a_tooltip_shows_the_definition_as_typed_and_inert(client):
    GlossaryTerm.objects.create(
        term="CLAS",
        expansion="Contrat local",
        # As the admin stores it when someone types: Parents & école, l'équipe <script>
        definition=f"<p>Parents &amp; école, l&#x27;équipe {escape(SCRIPT)}</p>",
        side="csx",
    )
    save_practice(
        PracticeDataFactory(slug="avec-clas", context="<p>Le CLAS du quartier.</p>"),
        practice_index(),
    )
    html = client.get("/pratiques/avec-clas/").content.decode()
    assert_inert(html)
    tip = BeautifulSoup(html, "html.parser").select_one(".gloss__tip").get_text()
    assert "Parents & école, l'équipe <script>alert(1)</script>" in tip
