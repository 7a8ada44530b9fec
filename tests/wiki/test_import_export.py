"""import_practices and export_practices: round trip, refusals, re-import as a revision."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wiki.exchange.pages import page_to_data
from wiki.models import PracticePage

pytestmark = pytest.mark.django_db

SHARED_EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples" / "practices"
EXAMPLE = (SHARED_EXAMPLES / "cafe-des-parents-a-la-sortie-de-l-ecole.md").read_text(
    encoding="utf-8"
)


def run_import(path: Path) -> tuple[str, str, bool]:
    """(stdout, stderr, succeeded) of `import_practices path`."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_practices", str(path), stdout=out, stderr=err)
    except CommandError:
        return out.getvalue(), err.getvalue(), False
    return out.getvalue(), err.getvalue(), True


def pages_content() -> dict:
    return {page.slug: page_to_data(page) for page in PracticePage.objects.live()}


def test_shared_examples_round_trip_through_export_and_import(tmp_path):
    assert SHARED_EXAMPLES.is_dir(), "the shared examples are the contract's test data"
    _, _, succeeded = run_import(SHARED_EXAMPLES)
    assert succeeded
    imported = pages_content()
    assert set(imported) == {
        "un-cafe-des-parents-a-la-sortie-de-l-ecole",
        "trouver-le-bon-interlocuteur-a-l-education-nationale",
    }

    call_command("export_practices", str(tmp_path / "export"), stdout=io.StringIO())
    PracticePage.objects.all().delete()
    _, _, succeeded = run_import(tmp_path / "export")
    assert succeeded
    assert pages_content() == imported


def test_export_writes_the_spec_format(tmp_path):
    run_import(SHARED_EXAMPLES)
    call_command("export_practices", str(tmp_path), stdout=io.StringIO())
    text = (tmp_path / "un-cafe-des-parents-a-la-sortie-de-l-ecole.md").read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Un café des parents à la sortie de l'école\n")
    assert "## Difficultés et réponses\n" in text
    assert "### Le café tombe à l'eau quand il pleut\n" in text
    assert "- [ ] Obtenir l'accord écrit de la direction avant la première séance" in text
    assert "1. **Proposer l'idée à la directrice** — " in text


def test_reimporting_a_changed_file_adds_a_revision_not_a_page(tmp_path):
    source = tmp_path / "cafe.md"
    source.write_text(EXAMPLE, encoding="utf-8")
    run_import(source)
    page = PracticePage.objects.get(slug="un-cafe-des-parents-a-la-sortie-de-l-ecole")
    revisions_before = page.revisions.count()

    source.write_text(EXAMPLE.replace("Chaque mardi matin", "Chaque jeudi matin"), encoding="utf-8")
    out, _, succeeded = run_import(source)

    assert succeeded and "mise à jour" in out
    assert PracticePage.objects.filter(slug=page.slug).count() == 1
    page.refresh_from_db()
    assert page.revisions.count() == revisions_before + 1
    assert page.summary.startswith("Chaque jeudi matin")


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    source = tmp_path / "cafe.md"
    source.write_text(EXAMPLE, encoding="utf-8")
    run_import(source)
    page = PracticePage.objects.get(slug="un-cafe-des-parents-a-la-sortie-de-l-ecole")
    out, _, _ = run_import(source)
    assert "inchangée" in out
    assert page.revisions.count() == 1


BROKEN_FILES = {
    "unknown-heading.md": (
        EXAMPLE.replace("## Objectifs", "## Nos objectifs"),
        ":16:",
        "Nos objectifs",
    ),
    "unknown-slug.md": (
        EXAMPLE.replace("stage: cooperation-ponctuelle", "stage: amis"),
        ":6:",
        "premier-contact",
    ),
    "bad-yaml.md": (
        EXAMPLE.replace("audience: [csx, en, acteurs]", "audience: [csx, en"),
        ":",
        "YAML",
    ),
    "empty-required.md": (
        EXAMPLE.replace(
            "- Créer un moment informel où parents, enseignants et animateurs se croisent.\n"
            "- Faire connaître les activités du centre social aux familles de l'école.\n",
            "",
        ),
        ":",
        "Objectifs",
    ),
}


@pytest.mark.parametrize("name", sorted(BROKEN_FILES))
def test_a_refused_file_is_reported_with_its_line_and_nothing_is_written(tmp_path, name):
    text, location, reason = BROKEN_FILES[name]
    folder = tmp_path / "lot"
    folder.mkdir()
    (folder / name).write_text(text, encoding="utf-8")
    (folder / "good.md").write_text(
        EXAMPLE.replace("title: Un café", "title: Un autre café"), encoding="utf-8"
    )
    _, err, succeeded = run_import(folder)
    assert not succeeded
    assert f"{name}{location}" in err
    assert reason in err
    # The good file of the folder is still imported; nothing of the refused one is.
    assert list(PracticePage.objects.values_list("title", flat=True)) == [
        "Un autre café des parents à la sortie de l'école"
    ]


def test_a_non_utf8_file_is_refused(tmp_path):
    source = tmp_path / "latin1.md"
    source.write_bytes(EXAMPLE.encode("latin-1", errors="replace"))
    _, err, succeeded = run_import(source)
    assert not succeeded
    assert "latin1.md:" in err and "UTF-8" in err
    assert not PracticePage.objects.exists()


def test_a_ten_megabyte_file_is_refused(tmp_path):
    source = tmp_path / "huge.md"
    source.write_text(EXAMPLE + "\n" + "x" * 10_000_000, encoding="utf-8")
    _, err, succeeded = run_import(source)
    assert not succeeded
    assert "huge.md:" in err
    assert not PracticePage.objects.exists()


def test_script_in_an_imported_file_never_reaches_the_page(tmp_path, client):
    source = tmp_path / "xss.md"
    source.write_text(
        EXAMPLE.replace(
            "La régularité : au bout",
            '<script>alert("x")</script><img src=x onerror=alert(1)> La régularité : au bout',
        ).replace("title: Un café", 'slug: xss\ntitle: <b onmouseover="alert(1)">Un café'),
        encoding="utf-8",
    )
    _, _, succeeded = run_import(source)
    assert succeeded
    html = client.get("/pratiques/xss/").content.decode()
    assert "<script>alert" not in html
    assert "<img src=x onerror" not in html
    assert '<b onmouseover="alert(1)">' not in html
    assert "&lt;b onmouseover=" in html


def test_import_of_a_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="aucun fichier"):
        call_command("import_practices", str(tmp_path / "absent"))


def test_internal_links_are_exported_absolute_and_import_again(tmp_path):
    from tests.factories import publish_practice

    target = publish_practice(slug="cible")
    publish_practice(
        slug="source",
        context=f'<p>Voir <a linktype="page" id="{target.pk}">la fiche cible</a>.</p>',
    )
    call_command("export_practices", str(tmp_path), stdout=io.StringIO())
    text = (tmp_path / "source.md").read_text(encoding="utf-8")
    assert "[la fiche cible](http://127.0.0.1:8000/pratiques/cible/)" in text
    _, err, succeeded = run_import(tmp_path)
    assert succeeded, err


def test_imported_steps_keep_their_order(client):
    from tests.factories import publish_practice
    from wiki.exchange.data import Step

    titles = ["Zèbre", "Abeille", "Moustique", "Baleine", "Colibri"]
    page = publish_practice(slug="ordre", steps=[Step(title, "") for title in titles])
    assert [step.title for step in page.steps.all()] == titles
    assert list(page.steps.values_list("sort_order", flat=True)) == [0, 1, 2, 3, 4]
    html = client.get("/pratiques/ordre/").content.decode()
    assert [html.index(title) for title in titles] == sorted(html.index(t) for t in titles)
