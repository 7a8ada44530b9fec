"""The public pages pass axe-core (Deque's accessibility engine, run inside Debian's Chromium)
without a "serious" or "critical" violation, on a phone and on a desktop screen.

axe-core comes from the npm registry through scripts/axe-core (`make test` fetches it when npm
is there); without it these tests skip, unless AXE_REQUIRED=1 (CI), where they fail.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

from tests.browser.conftest import DESKTOP, PHONE, needs_chromium
from tests.factories import publish_practice
from tests.guide.editions import make_edition
from wiki.guide.freezing import publish_edition
from wiki.models import GlossaryTerm, Theme

AXE_SCRIPT = Path(settings.BASE_DIR) / ".cache" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")
SCREENS = {"phone": PHONE, "desktop": DESKTOP}

pytestmark = [
    needs_chromium,
    # The live server reads the database from another thread: committed data, and the data
    # migrations' content restored afterwards for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE_SCRIPT.is_file():
        message = f"axe-core is missing ({AXE_SCRIPT}): run scripts/axe-core (needs npm)"
        if os.environ.get("AXE_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    return AXE_SCRIPT.read_text(encoding="utf-8")


def public_pages() -> dict[str, str]:
    """Content on every kind of public page, and their addresses."""
    practice = publish_practice(
        title="Un café des parents à la sortie de l'école",
        slug="cafe-des-parents",
        themes=["parents-ecole"],
        context="<p>Les familles du REP ne connaissaient pas le centre social.</p>",
    )
    publish_practice(title="Présenter le centre en conseil des maîtres", slug="conseil")
    GlossaryTerm.objects.create(
        term="REP",
        expansion="Réseau d'éducation prioritaire",
        definition="<p>Des écoles et un collège qui reçoivent plus de moyens.</p>",
        side="en",
    )
    # A chapter in each theme's colour, with a practice of that theme.
    themes = list(Theme.objects.values_list("slug", flat=True))
    chapters = [
        (theme, [publish_practice(title=f"Une pratique ({theme})", themes=[theme])])
        for theme in themes
    ]
    edition = make_edition(chapters, slug="edition-2026")
    publish_edition(edition)
    return {
        "accueil": "/",
        "pratique": practice.url,
        **{f"thème {theme}": f"/themes/{theme}/" for theme in themes},
        "liste filtrée": "/pratiques/?theme=parents-ecole",
        "recherche": "/recherche/?q=parents+qui+ne+viennent+pas",
        "glossaire": "/glossaire/",
        "guide": "/guide/",
        "édition en ligne": f"/guide/{edition.slug}/",
        "bienvenue": "/bienvenue/",
        "se situer": "/se-situer/",
        "partager une expérience": "/partager-une-experience/",
    }


def blocking_violations(page, axe_script: str) -> list[dict]:
    page.add_script_tag(content=axe_script)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    assert results["passes"], "axe-core checked nothing: was the script injected?"
    return [rule for rule in results["violations"] if rule["impact"] in BLOCKING_IMPACTS]


def describe(name: str, rule: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) for node in rule["nodes"][:5])
    return f"{name}: {rule['id']} ({rule['impact']}) — {rule['help']} — {targets}"


@pytest.mark.parametrize("screen", SCREENS)
def test_public_pages_have_no_serious_accessibility_violation(
    browser, live_server, axe_script, screen
):
    # Scripts are added the way a browser extension would, whatever the site's CSP says.
    context = browser.new_context(viewport=SCREENS[screen], bypass_csp=True)
    page = context.new_page()
    problems = []
    for name, path in public_pages().items():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{name} ({path}): HTTP {response.status}"
        problems += [describe(name, rule) for rule in blocking_violations(page, axe_script)]
    assert not problems, "\n".join(problems)
