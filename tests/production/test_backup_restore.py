"""`manage.py backup` then `manage.py restore` into a fresh, empty database gives the same site:
pages and their revisions, glossary, meetings, guide editions, people, files, search."""

import json
import os
import tarfile
from contextlib import nullcontext
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from wagtail.documents.models import Document

from tests.factories import (
    PracticeDataFactory,
    make_draft,
    make_user,
    practice_index,
    publish_practice,
)
from tests.guide.editions import make_edition
from tests.meetings.factories import make_meeting
from tests.production.databases import copy_sqlite, empty_postgres_database
from tests.production.processes import manage, manage_or_fail, production_env
from tests.production.site_summary import site_summary
from wiki.exchange.pages import save_practice
from wiki.guide.freezing import publish_edition
from wiki.models import GlossaryTerm
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def renumbered_meeting_type():
    """A database that grew over time: the meeting page type got its content type (and
    permissions) after others, so their ids differ from a freshly migrated database's."""
    meetings = apps.get_app_config("meetings")
    ContentType.objects.filter(app_label="meetings", model="meetingpage").delete()
    ContentType.objects.clear_cache()
    create_contenttypes(meetings, verbosity=0)
    create_permissions(meetings, verbosity=0)
    yield
    ContentType.objects.clear_cache()  # the test's transaction is rolled back: forget its ids


def build_site(media_root) -> None:
    coordination = make_user("coord", ROLE_COORDINATION)
    writer = make_user("csx", ROLE_CENTRES_SOCIAUX)
    committee = Group.objects.create(name="Comité de suivi")
    committee.permissions.add(
        Permission.objects.get(codename="add_glossaryterm"),
        Permission.objects.get(codename="add_meetingpage"),
    )
    make_user("comite").groups.add(committee)

    kermesse = publish_practice(coordination, title="Une kermesse d'école", slug="kermesse")
    save_practice(
        PracticeDataFactory(title="Une kermesse d'école, deuxième version", slug="kermesse"),
        practice_index(),
        writer,
    )
    draft_change = kermesse.get_latest_revision_as_object()
    draft_change.title = "Une kermesse d'école, en cours de relecture"
    draft_change.save_revision(user=writer)
    cafe = publish_practice(writer, title="Un café des parents", slug="cafe")
    make_draft(writer, title="Une idée à écrire", slug="idee")
    publish_practice(writer, title="Une fiche retirée", slug="retiree").delete()

    GlossaryTerm.objects.create(
        term="CLAS",
        expansion="Contrat local d'accompagnement à la scolarité",
        side="csx",
        synonyms="aide aux devoirs",
    )
    GlossaryTerm.objects.create(term="REP", expansion="Réseau d'éducation prioritaire", side="en")
    paris = ZoneInfo("Europe/Paris")
    make_meeting(
        "Groupe pilote de printemps",
        datetime(2026, 3, 12, 14, tzinfo=paris),
        practices=[kermesse, cafe],
        next_steps=[("Relancer l'école", "Camille", date(2026, 4, 1))],
    )
    edition = make_edition([("parents-ecole", [kermesse, cafe])], slug="edition-2026")
    build = publish_edition(edition, coordination)
    build.booklet.save("livret-a5.pdf", ContentFile(b"%PDF-1.4 le livret"))
    Document.objects.create(
        title="Plaquette du centre", file=ContentFile(b"%PDF-1.4 plaquette", name="plaquette.pdf")
    )


def restore_in_a_fresh_database(archive, database_url, media_root):
    env = production_env(DATABASE_URL=database_url, MEDIA_ROOT=str(media_root))
    restored = manage("restore", str(archive), env=env)
    assert restored.returncode == 0, restored.stderr[-3000:]
    summary = manage_or_fail(
        "shell",
        "--verbosity",
        "0",
        "-c",
        "from tests.production.site_summary import print_site_summary; print_site_summary()",
        env=env,
    )
    return restored, json.loads(summary.strip().splitlines()[-1])


def fresh_database(request, tmp_path):
    """An empty database of the suite's kind: a new PostgreSQL database on the suite's
    server, or a copy of a migrated SQLite file."""
    if connection.vendor == "postgresql":
        return empty_postgres_database()
    migrated = request.getfixturevalue("migrated_sqlite")
    return nullcontext(f"sqlite:///{copy_sqlite(migrated, tmp_path / 'restored.sqlite3')}")


@pytest.mark.slow
def test_a_restored_backup_is_the_same_site(
    request,
    settings,
    tmp_path,
    renumbered_meeting_type,
    django_capture_on_commit_callbacks,
):
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        build_site(settings.MEDIA_ROOT)
    original = site_summary()
    archive = tmp_path / "sauvegardes" / "passerelles.tar.gz"

    call_command("backup", str(archive))

    with fresh_database(request, tmp_path) as database_url:
        restored, copy = restore_in_a_fresh_database(
            archive, database_url, tmp_path / "restored-media"
        )
    assert "Restauration terminée" in restored.stdout
    assert copy == original
    # What the comparison stands on, so that an empty site cannot pass it.
    assert original["practices"]["kermesse"]["latest_revision_title"].endswith("relecture")
    assert [row[6] for row in original["page_tree"] if row[2].endswith("/kermesse/")] == [3]
    assert original["search"] == ["kermesse"]
    media = [path for path, _size in original["media"]]
    assert "documents/plaquette.pdf" in media
    assert any(path.startswith("guide/edition-2026/") for path in media)


def test_the_archive_holds_a_manifest_with_counts_and_no_derived_tables(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path / "media"
    with django_capture_on_commit_callbacks(execute=True):
        publish_practice(title="Une kermesse", slug="kermesse")
    archive = tmp_path / "passerelles.tar.gz"

    call_command("backup", str(archive))

    with tarfile.open(archive) as opened:
        manifest = json.load(opened.extractfile("manifest.json"))
        rows = json.load(opened.extractfile("data.json"))
    assert manifest["format"] == "passerelles-backup"
    assert manifest["version"] == 1
    assert manifest["counts"]["wiki.practicepage"] == 1
    models = {row["model"] for row in rows}
    assert "wiki.practicepage" in models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}
    assert not any(model.startswith(("thematic_search.", "wagtailsearch.")) for model in models)
    page = next(row for row in rows if row["model"] == "wagtailcore.page" and row["pk"] > 2)
    assert page["fields"]["content_type"][0] in ("wiki", "wagtailcore", "meetings")


def test_restore_refuses_a_database_that_is_not_empty(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    publish_practice(title="Une kermesse", slug="kermesse")
    archive = tmp_path / "passerelles.tar.gz"
    call_command("backup", str(archive))

    with pytest.raises(CommandError, match="La base de données n'est pas vide"):
        call_command("restore", str(archive))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    not_a_backup = tmp_path / "photo.tar.gz"
    not_a_backup.write_bytes(b"pas une archive")
    with pytest.raises(CommandError, match="archive illisible"):
        call_command("restore", str(not_a_backup))


@pytest.mark.slow
def test_a_backup_that_runs_out_of_disk_midway_leaves_no_archive(tmp_path, migrated_sqlite):
    """The file size limit makes every write past 200 KB fail, as a full disk does."""
    database = copy_sqlite(migrated_sqlite, tmp_path / "site.sqlite3")
    media = tmp_path / "media"
    (media / "images").mkdir(parents=True)
    (media / "images" / "grande-photo.jpg").write_bytes(os.urandom(1_000_000))
    folder = tmp_path / "sauvegardes"
    folder.mkdir()
    (folder / "ancienne.tar.gz").write_bytes(b"la sauvegarde d'hier")
    env = production_env(DATABASE_URL=f"sqlite:///{database}", MEDIA_ROOT=str(media))

    done = manage("backup", str(folder / "passerelles.tar.gz"), env=env, file_size_limit=200_000)

    assert done.returncode != 0
    assert "Sauvegarde impossible, rien n'a été écrit" in done.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["ancienne.tar.gz"]
    assert (folder / "ancienne.tar.gz").read_bytes() == b"la sauvegarde d'hier"
