"""On a phone (360 px wide, Debian's Chromium): a visitor shares an experience through the
public form, without ever scrolling sideways, and reads the confirmation."""

import pytest

from tests.browser.conftest import PHONE, needs_chromium
from wiki.models import PracticePage

pytestmark = [
    needs_chromium,
    # The live server reads the database from another thread: committed data, and the data
    # migrations' content (themes, stages, the review workflow) restored for later tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def scrolls_sideways(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )


def test_a_visitor_shares_an_experience_from_a_phone(browser, live_server):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(f"{live_server.url}/partager-une-experience/")
    assert not scrolls_sideways(page)

    page.fill("#id_title", "Un goûter partagé avec la maternelle")
    page.fill("#id_summary", "Un goûter chaque vendredi avec les familles de la maternelle.")
    page.fill("#id_context", "Les parents de la maternelle ne venaient pas au centre.")
    page.fill("#id_objectives", "Faire connaître le centre aux familles.")
    page.fill("#id_step_1_title", "Proposer le goûter à la directrice")
    page.fill("#id_difficulty_1", "Personne ne vient la première fois")
    page.fill("#id_answer_1", "Inviter par le cahier de liaison.")
    page.fill("#id_memo", "Prévenir la directrice\nApporter des gobelets")
    page.get_by_label("Les familles, l'école et le centre social").check()
    page.get_by_label("Premier contact", exact=False).check()
    page.fill("#id_contributor_name", "Amina")
    page.fill("#id_contributor_email", "amina@example")  # a typo: refused, nothing lost
    page.get_by_role("button", name="Envoyer mon expérience").click()
    page.wait_for_load_state()

    summary = page.locator(".error-summary")
    assert "Cette adresse électronique ne semble pas complète" in summary.inner_text()
    assert page.input_value("#id_step_1_title") == "Proposer le goûter à la directrice"
    assert not scrolls_sideways(page)
    summary.get_by_role("link").first.click()
    page.fill("#id_contributor_email", "amina@example.org")
    page.get_by_role("button", name="Envoyer mon expérience").click()
    page.wait_for_load_state()

    assert "Votre expérience a été transmise à la coordination" in page.inner_text("main")
    assert not scrolls_sideways(page)
    practice = PracticePage.objects.get(title="Un goûter partagé avec la maternelle")
    assert not practice.live
    assert practice.workflow_in_progress
