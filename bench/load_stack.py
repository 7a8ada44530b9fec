"""The production stack the load bench runs against, on loopback: PostgreSQL and the search
node (started only when not already running, and then stopped afterwards), a fresh database
of its own in that PostgreSQL, and gunicorn with `DEBUG=0` settings.

The child processes are those of the production tests (tests/production/processes.py).
"""

import json
import shutil
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.production_node import PRODUCTION_NODE_ENV
from tests.production.processes import AppServer, manage_or_fail, production_env, service_script

DATABASE_NAME = "passerelles_load"
SEARCH_INDEX = "passerelles-load"

# What the load needs to know about the site: practices (with their page ids, for the editors),
# themes and the facet values of the list's filters.
SITE_MAP_SCRIPT = """
import json
from wiki.models import Audience, Level, PracticePage, Stage, Theme, ThemeIndexPage
themes = ThemeIndexPage.objects.live().get().url
print(json.dumps({
    "practices": [[page.pk, page.url] for page in PracticePage.objects.live().order_by("pk")],
    "themes": [f"{themes}{slug}/" for slug in Theme.objects.values_list("slug", flat=True)],
    "facets": {
        "theme": list(Theme.objects.values_list("slug", flat=True)),
        "audience": list(Audience.objects.values_list("slug", flat=True)),
        "stage": list(Stage.objects.values_list("slug", flat=True)),
        "level": list(Level.objects.values_list("slug", flat=True)),
    },
}))
"""


@dataclass
class Service:
    """A service the bench uses; `started` says whether the bench started it (and stops it)."""

    script: str
    url: str
    started: bool
    env: dict[str, str] = field(default_factory=dict)  # what scripts/<script> is run with


@dataclass
class Stack:
    site: dict = field(default_factory=dict)
    services: list[Service] = field(default_factory=list)
    server: AppServer | None = None
    database_url: str = ""
    workdir: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="passerelles-load-"))
    )


def say(message: str) -> None:
    print(f"# {message}", flush=True)


def ensure_service(script: str, env: dict[str, str] | None = None) -> Service:
    """A running service from scripts/<script>: the one already up, or one started now."""
    env = env or {}
    try:
        return Service(script, service_script(script, "url", env), started=False, env=env)
    except RuntimeError:  # not running
        say(f"starting {script}")
        return Service(script, service_script(script, "start", env), started=True, env=env)


def with_database(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def recreate_database(server_url: str, name: str, drop_only: bool = False) -> None:
    """A database of the bench's own, so it never touches the one the tests or others use."""
    import psycopg

    with psycopg.connect(with_database(server_url, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def drop_search_index(search_url: str) -> None:
    request = urllib.request.Request(f"{search_url}/{SEARCH_INDEX}", method="DELETE")
    try:
        urllib.request.urlopen(request, timeout=30).close()
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise


def stack_env(stack: Stack, search_url: str, workers: int | None) -> dict[str, str]:
    """Production settings on plain HTTP, on the bench's own database, index and folders."""
    env = production_env(
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=stack.database_url,
        SEARCH_ENGINE="opensearch",
        SEARCH_URL=search_url,
        SEARCH_INDEX=SEARCH_INDEX,
        STATIC_ROOT=str(stack.workdir / "static"),
        MEDIA_ROOT=str(stack.workdir / "media"),
        EMAIL_URL="dummy:",
    )
    # Workers: as asked, else as gunicorn.conf.py says when nothing is set.
    env.pop("WEB_CONCURRENCY")
    if workers:
        env["WEB_CONCURRENCY"] = str(workers)
    return env


def prepare_site(env: dict[str, str]) -> dict:
    """Migrate, load the demo, index it in the search node, collect static files."""
    for arguments in (
        ("migrate", "--noinput", "-v0"),
        ("load_demo",),
        ("search_index", "rebuild"),
        ("collectstatic", "--noinput", "-v0"),
    ):
        say(f"manage.py {' '.join(arguments)}")
        manage_or_fail(*arguments, env=env, timeout=900)
    site_map = manage_or_fail("shell", "-c", SITE_MAP_SCRIPT, env=env)
    return json.loads(site_map.strip().splitlines()[-1])


def start_stack(workers: int | None) -> Stack:
    stack = Stack()
    try:
        postgres = ensure_service("postgres-server")
        stack.services.append(postgres)
        search_node = ensure_service("search-node", PRODUCTION_NODE_ENV)
        stack.services.append(search_node)
        recreate_database(postgres.url, DATABASE_NAME)
        stack.database_url = with_database(postgres.url, DATABASE_NAME)
        env = stack_env(stack, search_node.url, workers)
        stack.site = prepare_site(env)
        stack.server = AppServer(env, stack.workdir / "gunicorn.log").__enter__()
        say(f"gunicorn on 127.0.0.1:{stack.server.port}")
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def stop_stack(stack: Stack) -> None:
    """Stop gunicorn, drop the bench's database and index, stop what the bench started."""
    if stack.server is not None:
        stack.server.__exit__(None, None, None)
        log = (stack.workdir / "gunicorn.log").read_text(errors="replace")
        if "Traceback" in log:
            say("errors logged by gunicorn (the end of its log):")
            print(log[-4000:], flush=True)
    search_node = next((s for s in stack.services if s.script == "search-node"), None)
    if search_node is not None and stack.database_url:
        drop_search_index(search_node.url)
    postgres = next((s for s in stack.services if s.script == "postgres-server"), None)
    if postgres is not None and stack.database_url:
        recreate_database(postgres.url, DATABASE_NAME, drop_only=True)
    for service in reversed(stack.services):
        if service.started:
            say(f"stopping {service.script}")
            service_script(service.script, "stop", service.env)
    shutil.rmtree(stack.workdir, ignore_errors=True)
