"""One journey through the whole site in a real browser (Debian's Chromium driven by
Playwright): a social centre member writes a practice in the admin and submits it, another
member reads it for the group, the Coordination publishes it, a visitor finds it by
describing a difficulty in their own words, and the Coordination puts it in a guide edition
whose booklet a background worker makes into a PDF."""

import io

import pytest
from django.conf import settings as django_settings
from pypdf import PdfReader

from tests.browser.conftest import PASSWORD, logged_in, needs_chromium
from tests.factories import make_user, practice_index
from tests.guide.test_background_build import run_guide_worker
from wiki.models import PracticePage
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

playwright_api = pytest.importorskip("playwright.sync_api")
expect = playwright_api.expect

TITLE = "Des cafés du jeudi avec les parents de CM2"
SLUG = "des-cafes-du-jeudi-avec-les-parents-de-cm2"
DIFFICULTY = "Les familles ne viennent pas aux réunions du soir"
THEME = "Les familles, l'école et le centre social"

pytestmark = [
    needs_chromium,
    pytest.mark.slow,
    # The live server and the guide's worker read the database from elsewhere: committed
    # data, and the data migrations' content restored afterwards for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def write_in_rich_text(page, field_name: str, text: str) -> None:
    """Type into the Draftail editor of a rich text field, as a person clicks and types."""
    editor = page.locator(f"input[name='{field_name}']").locator("xpath=..")
    editor.locator(".public-DraftEditor-content").click()
    page.keyboard.type(text)


def run_footer_action(page, button_name: str) -> None:
    """An action of the footer's "more actions" menu (submit, approve…)."""
    page.locator("footer .w-dropdown__toggle").first.click()
    button = page.get_by_role("button", name=button_name, exact=True)
    expect(button).to_be_visible()
    button.click()


def wait_for_autosave(page) -> None:
    """The admin saves changes in the background; a person sees "Enregistré" before going on."""
    indicator = page.locator("#w-autosave-indicator")
    if indicator.count():
        expect(indicator).to_have_attribute("data-w-autosave-state-value", "saved")


def write_and_submit_practice(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/pages/add/wiki/practicepage/{practice_index().pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Un café chaque jeudi matin au centre, ouvert aux parents de CM2.")
    page.get_by_label(THEME, exact=True).check()
    page.locator("input[name=audiences]").first.check()
    page.select_option("#id_stage", index=1)
    write_in_rich_text(page, "context", "Les parents de CM2 ne passaient jamais la porte.")
    write_in_rich_text(page, "objectives", "Préparer avec eux le passage au collège.")
    page.fill("#id_steps-0-title", "Inviter les parents par le cahier de liaison")
    page.fill("#id_difficulties-0-question", DIFFICULTY)
    write_in_rich_text(page, "difficulties-0-answer", "Le café se tient le matin, à la sortie.")
    page.fill("#id_memo_items-0-text", "Prévoir du thé et du café")
    wait_for_autosave(page)
    run_footer_action(page, "Soumettre à Relecture des pratiques")
    expect(page.locator(".messages")).to_contain_text("soumise")


def approve(page, live_server, practice: PracticePage, button_name: str) -> None:
    page.goto(f"{live_server.url}/admin/pages/{practice.pk}/edit/")
    run_footer_action(page, button_name)
    expect(page.locator(".messages")).to_contain_text(TITLE)


def find_by_difficulty(page, live_server) -> None:
    page.goto(f"{live_server.url}/recherche/")
    question = page.get_by_label("Votre question")
    question.fill("des familles qui ne viennent jamais aux réunions")
    question.press("Enter")
    result = page.locator(".search-result", has_text=TITLE)
    expect(result).to_contain_text(DIFFICULTY)
    result.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def create_edition(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/guide/editions/add/")
    page.fill("#id_title", "Passerelles")
    page.fill("#id_edition_label", "Édition de test")
    page.fill("#id_edition_date", "2026-06-15")
    page.keyboard.press("Escape")  # closes the date picker
    page.fill("#id_slug", "edition-de-test")
    write_in_rich_text(page, "purpose", "Trouver quoi faire avec l'école.")
    write_in_rich_text(page, "how_to_use", "Lire un chapitre à la fois.")
    page.locator("#panel-chapters-content button.c-sf-add-button").first.click()
    page.get_by_role("button", name="Choisir thème").click()
    page.locator(".modal-content").get_by_role("link", name=THEME).click()
    page.get_by_role("button", name="Choisissez une page (Fiche pratique)").click()
    page.locator(".modal-content").get_by_role("link", name=TITLE).click()
    expect(page.locator(".modal-content")).to_be_hidden()
    page.locator("footer").get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".messages")).to_contain_text("Édition de test")
    page.get_by_role("link", name="Passerelles — Édition de test").first.click()


def publish_edition_and_download_booklet(page, live_server) -> bytes:
    page.get_by_role("link", name="Publier, fichiers et suivi").click()
    page.get_by_role("button", name="Publier et fabriquer les fichiers").click()
    expect(page.locator(".messages")).to_contain_text("publiée et figée")
    worker = run_guide_worker(django_settings.MEDIA_ROOT)
    assert worker.returncode == 0, worker.stderr[-3000:]
    page.reload()  # while the files are being made the page refreshes itself, too
    booklet = page.get_by_role("link", name="Le livret", exact=True)
    expect(booklet).to_be_visible()
    with page.expect_response(lambda response: response.url.endswith(".pdf")) as opened:
        booklet.click()
    assert opened.value.status == 200
    assert opened.value.headers["content-type"] == "application/pdf"
    assert opened.value.url.endswith("/guide/edition-de-test/livret-a5.pdf")
    # Chromium shows the PDF in its viewer, whose page is not the file: fetch the same address
    # as the browser, with its cookies, to read the file itself.
    downloaded = page.request.get(opened.value.url)
    assert downloaded.headers["content-type"] == "application/pdf"
    return downloaded.body()


def test_a_practice_goes_from_its_author_to_the_printed_guide(
    browser, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    for username, role in (
        ("amina", ROLE_CENTRES_SOCIAUX),
        ("bruno", ROLE_CENTRES_SOCIAUX),
        ("camille", ROLE_COORDINATION),
    ):
        make_user(username, role, password=PASSWORD)

    write_and_submit_practice(logged_in(browser, live_server, "amina"), live_server)
    practice = PracticePage.objects.get(slug=SLUG)
    assert not practice.live

    approve(
        logged_in(browser, live_server, "bruno"), live_server, practice, "Approuver la relecture"
    )
    assert not PracticePage.objects.get(pk=practice.pk).live
    coordinator = logged_in(browser, live_server, "camille")
    approve(coordinator, live_server, practice, "Approuver et Publier")
    assert PracticePage.objects.get(pk=practice.pk).live

    find_by_difficulty(browser.new_page(), live_server)

    create_edition(coordinator, live_server)
    pdf = publish_edition_and_download_booklet(coordinator, live_server)
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert TITLE in " ".join(text.split())
