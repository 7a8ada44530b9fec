"""In a real browser (Debian's Chromium driven by Playwright): a member of a social centre
writes a practice in the French admin, submits it, the Coordination approves and publishes,
and a visitor reads it. Skipped when Chromium or Playwright is missing (CI installs both)."""

import pytest

from tests.browser.conftest import PASSWORD, logged_in, needs_chromium
from tests.factories import make_user, practice_index
from wiki.models import PracticePage
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = [
    needs_chromium,
    # The live server reads the database from another thread: committed data, and the data
    # migrations' content restored afterwards for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def open_more_actions(page) -> None:
    page.locator("footer .w-dropdown__toggle").first.click()


def test_a_practice_goes_from_draft_to_published(browser, live_server):
    for username, role in (("samir", ROLE_CENTRES_SOCIAUX), ("camille", ROLE_COORDINATION)):
        make_user(username, role, password=PASSWORD)
    index = practice_index()

    writer = logged_in(browser, live_server, "samir")
    writer.goto(f"{live_server.url}/admin/pages/add/wiki/practicepage/{index.pk}/")
    writer.fill("#id_title", "Un goûter partagé avec la maternelle")
    writer.wait_for_timeout(1000)
    writer.click("footer button[type=submit]")  # Enregistrer le brouillon
    writer.wait_for_load_state()
    assert "créée" in writer.locator(".messages").inner_text()
    practice = PracticePage.objects.get(slug="un-gouter-partage-avec-la-maternelle")
    assert not practice.live

    open_more_actions(writer)
    writer.locator("button[name='action-submit']").click()
    writer.wait_for_load_state()
    assert "Pour publier cette fiche, il faut encore remplir" in writer.content()

    writer.fill("#id_summary", "Un goûter chaque vendredi avec les familles de la maternelle.")
    writer.check("input[name=themes] >> nth=2")
    writer.check("input[name=audiences] >> nth=0")
    writer.select_option("#id_stage", index=1)
    editors = writer.locator(".public-DraftEditor-content")
    editors.nth(0).click()
    writer.keyboard.type("Les parents de la maternelle ne venaient pas au centre.")
    editors.nth(1).click()
    writer.keyboard.type("Faire connaître le centre aux familles.")
    writer.fill("#id_steps-0-title", "Proposer le goûter à la directrice")
    writer.fill("#id_difficulties-0-question", "Personne ne vient la première fois")
    writer.locator("#id_difficulties-0-answer").locator("xpath=..").locator(
        ".public-DraftEditor-content"
    ).click()
    writer.keyboard.type("Inviter par le cahier de liaison.")
    writer.fill("#id_memo_items-0-text", "Prévenir la directrice")
    writer.wait_for_timeout(2000)  # as a person would: the admin autosaves in the background
    open_more_actions(writer)
    writer.locator("button[name='action-submit']").click()
    writer.wait_for_load_state()
    assert "soumise" in writer.locator(".messages").inner_text()

    coordinator = logged_in(browser, live_server, "camille")
    # Two steps: "Relue par le groupe" (the Coordination may read it too), then "Publiée".
    for button in ("Approuver la relecture", "Approuver et Publier"):
        coordinator.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
        coordinator.wait_for_timeout(1000)
        open_more_actions(coordinator)
        coordinator.get_by_role("button", name=button, exact=True).click()
        coordinator.wait_for_load_state()

    visitor = browser.new_page()
    response = visitor.goto(f"{live_server.url}/pratiques/un-gouter-partage-avec-la-maternelle/")
    assert response.status == 200
    assert "Prévenir la directrice" in visitor.content()
    assert PracticePage.objects.get(pk=practice.pk).live
