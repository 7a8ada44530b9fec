"""Publishing queues the build; a real worker runs it in a child process, which records its
progress and files; the files are then offered online."""

import os
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from tests.factories import publish_practice
from tests.guide.editions import make_edition
from tests.production.databases import database_url
from tests.production.processes import manage
from wiki.guide.freezing import publish_edition
from wiki.guide.models import GuideBuild


def run_guide_worker(media_root: Path) -> subprocess.CompletedProcess:
    """The worker `make run` starts, in a child process, for the queued builds only."""
    return manage(
        "db_worker",
        "--backend=database",
        "--queue-name=guide",
        "--batch",
        "--no-startup-delay",
        "--no-reload",
        env={**os.environ, "DATABASE_URL": database_url(), "MEDIA_ROOT": str(media_root)},
        timeout=600,
    )


@pytest.mark.slow
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_worker_builds_the_files_in_a_child_process(client, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    practices = [publish_practice(title=f"Pratique {n}", slug=f"pratique-{n}") for n in (1, 2)]
    edition = make_edition([("parents-ecole", practices)], slug="edition-tache")
    build = publish_edition(edition)
    assert build.status == GuideBuild.Status.QUEUED

    worker = run_guide_worker(tmp_path)

    build.refresh_from_db()
    assert build.status == GuideBuild.Status.DONE, build.error or worker.stderr[-2000:]
    assert build.step == "Terminé"
    assert build.pages_total > 0 and build.pages_done == build.pages_total
    names = sorted(Path(file.name).name for file in (build.booklet, build.imposition, build.poster))
    assert names == ["affiche-a2.pdf", "livret-a5-imposition-a4.pdf", "livret-a5.pdf"]

    response = client.get(reverse("guide:file", args=[edition.slug, "livret-a5.pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    booklet = tmp_path / "booklet.pdf"
    booklet.write_bytes(b"".join(response.streaming_content))
    assert len(PdfReader(booklet).pages) == build.pages_total
    listing = client.get(reverse("guide:index")).content.decode()
    assert reverse("guide:file", args=[edition.slug, "affiche-a2.pdf"]) in listing


@pytest.mark.django_db
def test_a_missing_file_is_a_clear_404(client):
    practices = [publish_practice(title="Pratique", slug="pratique")]
    edition = make_edition([("parents-ecole", practices)], slug="edition-sans-fichiers")
    publish_edition(edition)
    response = client.get(reverse("guide:file", args=[edition.slug, "livret-a5.pdf"]))
    assert response.status_code == 404


def test_settings_keep_wagtails_own_tasks_immediate():
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert settings.TASKS["database"]["QUEUES"] == ["guide"]
