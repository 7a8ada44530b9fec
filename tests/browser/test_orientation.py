"""On a 360 px wide phone (Debian's Chromium driven by Playwright), a person answers "Se situer"
and reads the stage reached and the practices proposed, without scrolling sideways."""

import pytest

from tests.browser.conftest import PHONE, needs_chromium
from tests.factories import publish_practice
from wiki.orientation import QUESTIONS

pytestmark = [
    needs_chromium,
    # The live server reads the database from another thread: committed data, and the data
    # migrations' content restored afterwards for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def phone(browser):
    return browser.new_context(viewport=PHONE).new_page()


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]


def test_answering_on_a_phone_shows_the_stage_and_practices(phone, live_server):
    publish_practice(
        title="Se présenter en conseil des maîtres", slug="conseil", stage="premier-contact"
    )
    publish_practice(title="Un goûter partagé", slug="gouter", stage="cooperation-ponctuelle")

    phone.goto(f"{live_server.url}/se-situer/")
    assert not scrolls_sideways(phone)
    for question in QUESTIONS:
        # People tap the words of an answer, not the small radio button.
        phone.get_by_role("group", name=question.text).get_by_text(question.answers[0][0]).click()
    phone.get_by_role("button", name="Voir où nous en sommes").click()
    phone.wait_for_load_state()

    result = phone.locator("#resultat")
    assert "Votre étape : Premier contact" in " ".join(result.inner_text().split())
    assert result.get_by_role("link", name="Se présenter en conseil des maîtres").is_visible()
    assert result.get_by_role("link", name="Un goûter partagé").is_visible()
    assert not scrolls_sideways(phone)
