"""An import or an export that fails or is killed midway leaves nothing half-written: no
half-saved practice, no half-written file."""

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from tests.factories import publish_practice
from tests.production.databases import database_url
from tests.production.processes import PROJECT_DIR, manage, production_env
from wiki.exchange.pages import in_canonical_order, page_to_data
from wiki.exchange.parse import read_practice_file
from wiki.models import PracticePage, Stage, Theme

FIXTURES = PROJECT_DIR / "fixtures" / "practices"
TOO_LONG_TITLE = "Une fiche au titre " + "beaucoup " * 40 + "trop long"


def tree_problems() -> list:
    """treebeard's own check: every list is empty when no node is half-inserted."""
    return [problem for problems in Page.find_problems() for problem in problems]


def fixture_with(slug: str, title: str) -> str:
    text = (FIXTURES / "accompagner-le-passage-cm2-6e.md").read_text(encoding="utf-8")
    return text.replace("slug: accompagner-le-passage-cm2-6e", f"slug: {slug}").replace(
        "title: Accompagner le passage du CM2 à la 6e", f"title: {title}"
    )


def read_file(path: Path):
    return read_practice_file(
        path,
        theme_slugs=set(Theme.objects.values_list("slug", flat=True)),
        stage_slugs=set(Stage.objects.values_list("slug", flat=True)),
    )


@pytest.mark.django_db
def test_a_practice_whose_save_fails_midway_leaves_no_page_and_the_others_import(tmp_path):
    (tmp_path / "a.md").write_text(fixture_with("avant", "La fiche d'avant"), encoding="utf-8")
    # Refused by the model's validation after the page was added to the tree.
    (tmp_path / "b.md").write_text(fixture_with("trop-long", TOO_LONG_TITLE), encoding="utf-8")
    (tmp_path / "c.md").write_text(fixture_with("apres", "La fiche d'après"), encoding="utf-8")
    pages_before = Page.objects.count()

    with pytest.raises(CommandError, match="1 fichier"):
        call_command("import_practices", str(tmp_path), stdout=io.StringIO(), stderr=io.StringIO())

    assert sorted(PracticePage.objects.values_list("slug", flat=True)) == ["apres", "avant"]
    assert Page.objects.count() == pages_before + 2
    assert not Revision.objects.filter(object_str__contains="trop long").exists()
    assert tree_problems() == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_import_killed_midway_leaves_only_whole_practices_and_can_be_run_again():
    env = production_env(DATABASE_URL=database_url())
    importing = subprocess.Popen(
        [sys.executable, str(PROJECT_DIR / "manage.py"), "import_practices", str(FIXTURES)],
        cwd=PROJECT_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while PracticePage.objects.count() < 3 and time.monotonic() < deadline:
        assert importing.poll() is None, "the import ended before it could be killed"
        time.sleep(0.02)
    os.kill(importing.pid, signal.SIGKILL)
    importing.wait()

    saved = list(PracticePage.objects.all())
    assert 3 <= len(saved) < len(list(FIXTURES.glob("*.md")))
    assert tree_problems() == []
    for page in saved:
        assert page.live and page.live_revision_id is not None
        assert page_to_data(page) == in_canonical_order(read_file(FIXTURES / f"{page.slug}.md"))

    again = manage("import_practices", str(FIXTURES), env=env)
    assert again.returncode == 0, again.stderr
    assert PracticePage.objects.count() == len(list(FIXTURES.glob("*.md")))
    assert tree_problems() == []


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_export_that_runs_out_of_disk_midway_leaves_every_file_whole(tmp_path):
    """A full disk stops the export on the big practice: the files before it are the new
    versions, the big one and those after it are still yesterday's, none is cut short."""
    big_text = "<p>" + "Une réunion de parents au centre, avec le collège. " * 3000 + "</p>"
    for slug in ("a-premiere", "b-grande", "c-derniere"):
        publish_practice(
            title=f"{slug} : hier", slug=slug, what_worked=big_text if slug == "b-grande" else ""
        )
    folder = tmp_path / "export"
    call_command("export_practices", str(folder), stdout=io.StringIO())
    yesterday = {path.name: path.read_bytes() for path in folder.iterdir()}
    for slug in ("a-premiere", "b-grande", "c-derniere"):
        publish_practice(
            title=f"{slug} : aujourd'hui",
            slug=slug,
            what_worked=big_text if slug == "b-grande" else "",
        )

    done = manage(
        "export_practices",
        str(folder),
        env=production_env(DATABASE_URL=database_url()),
        file_size_limit=50_000,
    )

    assert done.returncode != 0
    assert "Écriture impossible" in done.stderr
    assert sorted(path.name for path in folder.iterdir()) == sorted(yesterday)  # no temp file
    assert read_file(folder / "a-premiere.md").title == "a-premiere : aujourd'hui"
    assert (folder / "b-grande.md").read_bytes() == yesterday["b-grande.md"]
    assert (folder / "c-derniere.md").read_bytes() == yesterday["c-derniere.md"]
    for path in folder.iterdir():
        assert read_file(path).slug == path.stem  # each one is whole: it reads back
