"""On a 360 px wide phone, the reading pages fit the screen: nothing scrolls sideways."""

import pytest

from tests.browser.conftest import PHONE, needs_chromium
from tests.factories import publish_practice
from tests.guide.editions import make_edition
from wiki.demo import FIXTURES, load_glossary
from wiki.exchange.importer import import_practices
from wiki.guide.freezing import publish_edition
from wiki.models import GlossaryTerm

pytestmark = [needs_chromium, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reading_pages_do_not_scroll_sideways_on_a_phone(browser, live_server):
    GlossaryTerm.objects.create(
        term="CLAS",
        expansion="Contrat local d'accompagnement à la scolarité",
        definition="<p>Un dispositif d'aide aux devoirs et d'ouverture culturelle.</p>",
        side="csx",
    )
    # A glossary term near the end of a long line: its tip must not widen the page.
    practice = publish_practice(
        title="Un CLAS construit avec les enseignants",
        slug="clas",
        context="<p>" + "Les enfants venaient au CLAS " * 12 + "</p>",
    )
    # A demo practice whose memo items hold glossary terms (an item lays its box and its text
    # side by side: the terms must not split the text into columns wider than the phone).
    load_glossary(FIXTURES / "glossary.yaml")
    import_practices(FIXTURES / "practices" / "accompagner-le-passage-cm2-6e.md")
    edition = make_edition([("accompagnement-scolarite", [practice])], slug="edition-mobile")
    publish_edition(edition)
    page = browser.new_context(viewport=PHONE).new_page()
    for path in (
        "/",
        "/pratiques/",
        "/pratiques/clas/",
        "/pratiques/accompagner-le-passage-cm2-6e/",
        "/themes/accompagnement-scolarite/",
        "/glossaire/",
        "/recherche/?q=aide+aux+devoirs",
        "/guide/",
        "/guide/edition-mobile/",
    ):
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], f"{path} is {width} px wide"
