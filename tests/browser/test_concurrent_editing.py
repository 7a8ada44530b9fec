"""Two people edit the same practice in two browsers (Debian's Chromium driven by Playwright):
Alice saves first; Bruno is warned, and his save never silently replaces Alice's version.
Skipped when Chromium or Playwright is missing."""

import pytest

from tests.browser.conftest import PASSWORD, logged_in, needs_chromium
from tests.factories import make_draft, make_user
from wiki.models import PracticePage
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

SAVED_BY_ALICE = "Alice Martin a enregistré une nouvelle version"
SERVER_REFUSAL = "Alice Martin a enregistré une version plus récente de cette page"

pytestmark = [
    needs_chromium,
    # The live server reads the database from another thread: committed data, and the data
    # migrations' content restored afterwards for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def practice(settings):
    # Wagtail asks the server who else is editing every 10 s; once a second here.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 1000
    alice = make_user(
        "alice", ROLE_CENTRES_SOCIAUX, password=PASSWORD, first_name="Alice", last_name="Martin"
    )
    make_user("bruno", ROLE_COORDINATION, password=PASSWORD, first_name="Bruno", last_name="Petit")
    return make_draft(user=alice, title="Café des parents", slug="cafe-des-parents")


def editing(browser, live_server, username: str, practice):
    page = logged_in(browser, live_server, username)
    # A first sign-in shows the welcome page first.
    page.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    assert page.locator("#id_summary").count() == 1
    return page


def save(page) -> None:
    page.click("footer button[type=submit]")  # Enregistrer le brouillon


def summaries(practice) -> list[str]:
    return [revision.as_object().summary for revision in practice.revisions.order_by("pk")]


def latest_summary(practice) -> str:
    return PracticePage.objects.get(pk=practice.pk).get_latest_revision_as_object().summary


def test_the_second_editor_is_warned_and_must_confirm(browser, live_server, practice):
    alice = editing(browser, live_server, "alice", practice)
    bruno = editing(browser, live_server, "bruno", practice)

    alice.fill("#id_summary", "La version d'Alice.")
    save(alice)
    alice.wait_for_load_state()
    assert latest_summary(practice) == "La version d'Alice."

    # Bruno's page learns it from the server within a few seconds, without reloading.
    bruno.locator(f"[aria-label='{SAVED_BY_ALICE}']").wait_for(timeout=15000)
    bruno.fill("#id_summary", "La version de Bruno.")
    save(bruno)
    dialog = bruno.locator("#w-save-confirmation-dialog")
    dialog.get_by_text(SAVED_BY_ALICE).wait_for(state="visible")
    assert latest_summary(practice) == "La version d'Alice."  # nothing replaced yet

    # Its confirm button repeats the action chosen: "Enregistrer le brouillon".
    confirm = dialog.locator("[data-w-dialog-target='confirm']")
    assert "Enregistrer" in confirm.inner_text()
    confirm.click()
    bruno.wait_for_load_state()
    bruno.locator(".messages").wait_for()
    assert latest_summary(practice) == "La version de Bruno."
    # Alice's version is kept in the history, not lost.
    assert "La version d'Alice." in summaries(practice)


def test_a_save_made_before_the_warning_arrives_is_refused_by_the_server(
    browser, live_server, practice, settings
):
    # Bruno saves before his page has asked the server again (it asks every 10 s, and at
    # once when an autosave fails): only the server can stop the save. Simulated here by a
    # page that does not ask again and does not autosave.
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 600_000
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    alice = editing(browser, live_server, "alice", practice)
    bruno = editing(browser, live_server, "bruno", practice)

    alice.fill("#id_summary", "La version d'Alice.")
    save(alice)
    alice.wait_for_load_state()

    bruno.fill("#id_summary", "La version de Bruno.")
    save(bruno)
    bruno.wait_for_load_state()
    assert SERVER_REFUSAL in bruno.content()
    assert bruno.input_value("#id_summary") == "La version de Bruno."
    assert latest_summary(practice) == "La version d'Alice."

    save(bruno)  # having read the warning, Bruno saves again: his choice, made knowingly
    bruno.wait_for_load_state()
    assert SERVER_REFUSAL not in bruno.content()
    assert latest_summary(practice) == "La version de Bruno."
    assert "La version d'Alice." in summaries(practice)
