"""The simulated people of the load bench: readers who browse and search, editors who save
drafts of practices in the Wagtail admin (the Coordination's also publish), and the timings
they record.

Each person is a thread with its own cookies; between two requests a person pauses for a
random "think time", as a real reader does. Plain `http.client`: gunicorn's sync workers
close the connection after each response anyway.
"""

import ast
import http.client
import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
EDIT_FORM_ID = "page-edit-form"
DEGRADED_PAGE_NOTICE = "Le moteur de recherche ne répond pas"
# Demo accounts (printed by load_demo); the Coordination publishes, a social centre may not.
EDITOR_ACCOUNTS = (
    ("centre-social", "centre-social-demo-2026", False),
    ("coordination", "coordination-demo-2026", True),
)
PUBLISH_EVERY = 3  # a Coordination editor publishes one save in three
TYPING_FACTOR = 5  # between opening the form and saving, a person types: 5 think times
REVISION_MARK = re.compile(r" \[v\d+\]$")


def judged_queries() -> list[str]:
    """The French queries of tests/search/test_relevance.py, read without importing it
    (the test module needs Django)."""
    tree = ast.parse((ROOT / "tests/search/test_relevance.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "JUDGEMENTS":
            return [judgement.elts[1].value for judgement in node.value.elts]
    raise LookupError("JUDGEMENTS not found in tests/search/test_relevance.py")


@dataclass
class Stats:
    """Timings (ms) and errors per endpoint, shared by the threads of one process."""

    timings: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    samples: dict[str, str] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, name: str, milliseconds: float, error: str | None) -> None:
        with self.lock:
            self.timings[name].append(milliseconds)
            if error:
                self.errors[name] += 1
                self.samples.setdefault(name, error)

    def as_dict(self) -> dict:
        return {"timings": dict(self.timings), "errors": dict(self.errors), "samples": self.samples}


class Browser:
    """One person's HTTP client: cookies, no automatic redirects, every request timed."""

    def __init__(self, port: int, stats: Stats):
        self.port = port
        self.stats = stats
        self.cookies: dict[str, str] = {}

    def get(self, name: str, path: str, expect: int = 200, must_not_contain: str = "") -> str:
        return self.send(name, "GET", path, None, expect, must_not_contain)

    def post(self, name: str, path: str, fields: list[tuple[str, str]], expect: int = 302) -> str:
        return self.send(name, "POST", path, urlencode(fields).encode(), expect, "")

    def send(
        self, name: str, method: str, path: str, body: bytes | None, expect: int, unwanted: str
    ) -> str:
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "passerelles-load"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException) as error:
            self.stats.record(name, (time.perf_counter() - started) * 1000, repr(error))
            return ""
        finally:
            connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        for header in response.headers.get_all("Set-Cookie") or []:
            for key, morsel in SimpleCookie(header).items():
                self.cookies[key] = morsel.value
        error = None
        if response.status != expect:
            error = f"{method} {path}: HTTP {response.status} (expected {expect})"
        elif unwanted and unwanted in text:
            error = f"{method} {path}: {unwanted!r} in the answer"
        self.stats.record(name, elapsed, error)
        return text


@dataclass
class Plan:
    """What the people visit: URLs of the site and French queries."""

    port: int
    practices: list[tuple[int, str]]
    themes: list[str]
    facets: dict[str, list[str]]
    queries: list[str]
    think: tuple[float, float]
    deadline: float  # time.time() at which everyone stops


def pause(plan: Plan, rng: random.Random, stop: threading.Event, factor: float = 1.0) -> bool:
    """Think for a while; False when the run is over."""
    remaining = plan.deadline - time.time()
    stop.wait(min(remaining, factor * rng.uniform(*plan.think)))
    return time.time() < plan.deadline and not stop.is_set()


def filtered_list_url(plan: Plan, rng: random.Random) -> str:
    params = [(facet, rng.choice(values)) for facet, values in plan.facets.items() if values]
    chosen = rng.sample(params, k=rng.randint(0, min(2, len(params))))
    return "/pratiques/" + (f"?{urlencode(chosen)}" if chosen else "")


def suggestion_prefix(query: str, rng: random.Random) -> str:
    word = max(query.split(), key=len)
    return word[: rng.randint(2, max(2, min(6, len(word))))]


def reader_step(browser: Browser, plan: Plan, rng: random.Random) -> None:
    query = rng.choice(plan.queries)
    action = rng.choices(
        ["home", "list", "practice", "theme", "glossary", "search", "api", "suggest"],
        weights=[1, 2, 4, 2, 1, 2, 2, 2],
    )[0]
    if action == "home":
        browser.get("home /", "/")
    elif action == "list":
        browser.get("practice list + filters", filtered_list_url(plan, rng))
    elif action == "practice":
        browser.get("practice page", rng.choice(plan.practices)[1])
    elif action == "theme":
        browser.get("theme page", rng.choice(plan.themes))
    elif action == "glossary":
        browser.get("glossary", "/glossaire/")
    elif action == "search":
        path = "/recherche/?" + urlencode({"q": query})
        browser.get("search page", path, must_not_contain=DEGRADED_PAGE_NOTICE)
    elif action == "api":
        path = "/api/search/?" + urlencode({"q": query})
        browser.get("search API", path, must_not_contain='"degraded": true')
    else:
        path = "/api/search/suggestions/?" + urlencode({"q": suggestion_prefix(query, rng)})
        browser.get("suggestions API", path)


def run_reader(plan: Plan, stats: Stats, seed: int, stop: threading.Event) -> None:
    rng = random.Random(seed)
    browser = Browser(plan.port, stats)
    while pause(plan, rng, stop):
        reader_step(browser, plan, rng)


def form_fields(html: str, form_id: str = EDIT_FORM_ID) -> list[tuple[str, str]]:
    """What a browser would submit from the form, without pressing any named button."""
    soup = BeautifulSoup(html, "html.parser")
    form = soup.find("form", id=form_id)
    if form is None:
        raise LookupError(f"no form #{form_id} in the page")
    for template in form.find_all("template"):  # empty rows for "add", never submitted
        template.decompose()
    fields = []
    for element in form.find_all(["input", "textarea", "select"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "textarea":
            # The parser keeps the newline that HTML drops right after <textarea>.
            fields.append((name, element.get_text().removeprefix("\n")))
        elif element.name == "select":
            options = element.find_all("option")
            chosen = [o for o in options if o.has_attr("selected")] or options[:1]
            fields += [(name, option.get("value", option.get_text())) for option in chosen]
        else:
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                continue
            if kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    fields.append((name, element.get("value", "on")))
                continue
            fields.append((name, element.get("value", "")))
    return fields


def revised(fields: list[tuple[str, str]], number: int) -> list[tuple[str, str]]:
    """The same form with the summary ("En une phrase") marked as revision `number`."""
    changed = []
    for name, value in fields:
        if name == "summary":
            value = REVISION_MARK.sub("", value)[:280] + f" [v{number}]"
        changed.append((name, value))
    return changed


def log_in(browser: Browser, username: str, password: str) -> bool:
    page = browser.get("admin login form", "/admin/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not token:
        return False
    fields = [("csrfmiddlewaretoken", token.group(1)), ("username", username)]
    browser.post("admin login", "/admin/login/", [*fields, ("password", password), ("next", "")])
    return "sessionid" in browser.cookies


def edit_form(browser: Browser, page_id: int, number: int) -> list[tuple[str, str]] | None:
    """Open a practice in the admin; its form's fields with the summary revised."""
    edit_url = f"/admin/pages/{page_id}/edit/"
    page = browser.get("admin edit form", edit_url)
    if not page:
        return None
    try:
        return revised(form_fields(page), number)
    except LookupError as error:
        browser.stats.record("admin edit form", 0, f"{edit_url}: {error}")
        return None


def submit(browser: Browser, page_id: int, fields: list[tuple[str, str]], publish: bool) -> None:
    edit_url = f"/admin/pages/{page_id}/edit/"
    if publish:
        browser.post("admin publish", edit_url, [*fields, ("action-publish", "action-publish")])
    else:
        browser.post("admin save draft", edit_url, fields)


def run_editor(plan: Plan, stats: Stats, number: int, stop: threading.Event) -> None:
    """Editor `number` works on a practice of its own, so that two never edit the same one."""
    rng = random.Random(1000 + number)
    username, password, publishes = EDITOR_ACCOUNTS[number % len(EDITOR_ACCOUNTS)]
    browser = Browser(plan.port, stats)
    page_id = plan.practices[number % len(plan.practices)][0]
    if not pause(plan, rng, stop) or not log_in(browser, username, password):
        return
    browser.get("admin dashboard", "/admin/")
    saves = 0
    while pause(plan, rng, stop):
        fields = edit_form(browser, page_id, saves + 1)
        if fields is None or not pause(plan, rng, stop, factor=TYPING_FACTOR):
            continue
        saves += 1
        submit(browser, page_id, fields, publish=publishes and saves % PUBLISH_EVERY == 0)
