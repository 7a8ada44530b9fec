"""Browser tests drive Debian's Chromium with Playwright; they skip when either is missing."""

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "un-mot-de-passe-de-test"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
needs_chromium = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason="Debian's chromium is not installed"
)


@pytest.fixture
def browser():
    """A launched Chromium; the live server reads the database from another thread."""
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are
    # still synchronous ones.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield launched
        launched.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


def logged_in(browser, live_server, username: str):
    """A desktop page signed in to the admin as `username` (whose password is PASSWORD)."""
    page = browser.new_context(viewport=DESKTOP).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    return page
