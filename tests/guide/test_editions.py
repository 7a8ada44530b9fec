"""Curating and publishing an edition: what blocks publishing, what freezing guarantees,
and what the Coordination and visitors see of it."""

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.factories import PracticeDataFactory, publish_practice
from tests.guide.editions import make_edition
from wiki.exchange.data import Difficulty
from wiki.exchange.pages import save_practice
from wiki.guide.blocks import ChapterBlock
from wiki.guide.changes import changed_since_publication, changes_from_previous
from wiki.guide.freezing import EditionNotPublishable, publication_problems, publish_edition
from wiki.guide.models import GuideEdition
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db


def edit_practice(page, **changes):
    """Publish a new revision of `page` through the exchange path, as an import would."""
    from tests.factories import practice_index
    from wiki.exchange.pages import page_to_data

    data = page_to_data(page.specific)
    for key, value in changes.items():
        setattr(data, key, value)
    save_practice(data, practice_index(), None)
    page.refresh_from_db()
    return page


@pytest.fixture
def practices():
    return [
        publish_practice(title="Café des parents", slug="cafe-des-parents"),
        publish_practice(title="Conseil d'école", slug="conseil-d-ecole"),
        publish_practice(title="Fête de quartier", slug="fete-de-quartier"),
    ]


def test_publishing_pins_each_practice_to_its_live_revision(practices):
    edition = make_edition([("parents-ecole", practices[:2]), ("projets-communs", practices[2:])])
    publish_edition(edition)
    edition.refresh_from_db()
    frozen = edition.frozen_content
    assert edition.status == GuideEdition.Status.PUBLISHED
    assert frozen["chapters"][0]["title"].startswith("Les familles")
    pinned = {p["page_id"]: p["revision_id"] for c in frozen["chapters"] for p in c["practices"]}
    for page in practices:
        page.refresh_from_db()
        assert pinned[page.pk] == page.live_revision_id


def test_a_frozen_edition_does_not_change_when_a_practice_is_edited(client, practices):
    edition = make_edition([("parents-ecole", practices)])
    publish_edition(edition)
    edit_practice(practices[0], summary="Un tout autre résumé, écrit après la publication.")

    page = client.get(reverse("guide:edition", args=[edition.slug])).content.decode()
    assert "Une pratique pour que l&#x27;école et le centre social" in page
    assert "Un tout autre résumé" not in page


def test_the_edition_page_lists_practices_changed_since_with_their_sections(client_for, practices):
    edition = make_edition([("parents-ecole", practices)])
    publish_edition(edition)
    page = practices[1]
    edit_practice(
        page,
        difficulties=[
            *PracticeDataFactory().difficulties,
            Difficulty("Personne ne vient", "<p>Changer d'horaire.</p>"),
        ],
    )

    changes = changed_since_publication(edition)
    assert [(c.title, c.state) for c in changes] == [("Conseil d'école", "modifiée")]
    assert "Difficultés et réponses : 1 ajoutée" in changes[0].details

    response = client_for(ROLE_COORDINATION).get(
        reverse("guide_editions:status", args=[edition.pk])
    )
    assert response.status_code == 200
    assert "Difficultés et réponses : 1 ajoutée" in response.content.decode()


def test_an_unpublished_or_deleted_practice_blocks_publishing_with_a_clear_list(practices):
    edition = make_edition([("parents-ecole", practices)])
    practices[0].unpublish()
    deleted_id = practices[1].pk
    practices[1].delete()

    with pytest.raises(EditionNotPublishable) as refusal:
        publish_edition(edition)

    problems = refusal.value.problems
    assert any("« Café des parents » n'est plus publiée" in problem for problem in problems)
    assert any(f"n° {deleted_id}) a été supprimée" in problem for problem in problems)
    edition.refresh_from_db()
    assert edition.status == GuideEdition.Status.DRAFT
    assert edition.frozen_content is None


def test_an_empty_chapter_is_refused_with_a_message(practices):
    edition = make_edition([("parents-ecole", practices), ("communiquer", [])])
    assert publication_problems(edition) == [
        "Le chapitre « Communiquer et se comprendre : les manières de dire » est vide : "
        "ajoutez-y au moins une pratique."
    ]
    block = ChapterBlock()
    with pytest.raises(Exception) as error:
        block.clean(block.to_python({"theme": None, "title": "Vide", "practices": []}))
    assert "Un chapitre vide" in str(error.value.block_errors["practices"])


def test_publishing_from_the_admin_refuses_with_the_problems(client_for, practices):
    edition = make_edition([("parents-ecole", practices)])
    practices[2].unpublish()
    client = client_for(ROLE_COORDINATION)
    response = client.post(reverse("guide_editions:publish", args=[edition.pk]), follow=True)
    assert "« Fête de quartier » n&#x27;est plus publiée" in response.content.decode()
    edition.refresh_from_db()
    assert not edition.is_published


def test_publishing_from_the_admin_queues_the_build_in_the_background(
    client_for, practices, django_capture_on_commit_callbacks
):
    edition = make_edition([("parents-ecole", practices)])
    client = client_for(ROLE_COORDINATION)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("guide_editions:publish", args=[edition.pk]))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert edition.is_published
    build = edition.latest_build()
    assert build.status == "queued"
    queued = DBTaskResult.objects.get()
    assert queued.queue_name == "guide"
    assert queued.args_kwargs["args"] == [build.pk]
    status = client.get(response["Location"]).content.decode()
    assert "En attente" in status
    assert 'http-equiv="refresh"' in status


def test_only_the_coordination_curates_and_publishes(client_for, practices):
    edition = make_edition([("parents-ecole", practices)])
    client = client_for(ROLE_CENTRES_SOCIAUX)
    # The admin answers a refusal by sending people back to its home page with a message.
    for url in (
        reverse("guide_editions:list"),
        reverse("guide_editions:status", args=[edition.pk]),
        reverse("guide_editions:edit", args=[edition.pk]),
    ):
        assert client.get(url)["Location"] == "/admin/"
    response = client.post(reverse("guide_editions:publish", args=[edition.pk]))
    assert response.status_code in (302, 403)
    edition.refresh_from_db()
    assert not edition.is_published
    coordination = client_for(ROLE_COORDINATION)
    assert coordination.get(reverse("guide_editions:list")).status_code == 200
    assert coordination.get(reverse("guide_editions:edit", args=[edition.pk])).status_code == 200


def test_a_published_edition_is_not_editable_any_more(client_for, practices):
    edition = make_edition([("parents-ecole", practices)])
    publish_edition(edition)
    response = client_for(ROLE_COORDINATION).get(reverse("guide_editions:edit", args=[edition.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("guide_editions:status", args=[edition.pk])


def test_the_online_edition_shows_chapters_and_practices_as_frozen(client, practices):
    edition = make_edition(
        [("parents-ecole", practices[:2]), (None, practices[2:], "Pour aller plus loin")]
    )
    publish_edition(edition)
    response = client.get(reverse("guide:edition", args=[edition.slug]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Les familles, l&#x27;école et le centre social", "Pour aller plus loin"):
        assert text in html
    for page in practices:
        assert page.title.replace("'", "&#x27;") in html
    assert "Prendre rendez-vous" in html and "Prévenir la direction" in html
    assert 'href="http://127.0.0.1:8000/pratiques/cafe-des-parents/"' in html


def test_drafts_are_not_online_and_published_editions_are_listed(client, practices):
    draft = make_edition([("parents-ecole", practices)], slug="brouillon")
    assert client.get(reverse("guide:edition", args=[draft.slug])).status_code == 404
    published = make_edition([("parents-ecole", practices)], slug="edition-publiee")
    publish_edition(published)
    listing = client.get(reverse("guide:index")).content.decode()
    assert "Édition test" in listing and "brouillon" not in listing


def test_each_edition_says_what_changed_since_the_previous_one(client, practices):
    import datetime

    first = make_edition([("parents-ecole", practices[:2])], slug="edition-1")
    publish_edition(first)
    edit_practice(practices[0], memo=["Prévenir la direction", "Apporter du café", "Sourire"])
    second = make_edition(
        [("parents-ecole", [practices[0], practices[2]])],
        slug="edition-2",
        edition_label="Édition 2",
        edition_date=datetime.date(2026, 12, 1),
    )
    publish_edition(second)

    diff = changes_from_previous(second)
    assert diff.added == ["Fête de quartier"]
    assert diff.removed == ["Conseil d'école"]
    assert [change.title for change in diff.updated] == ["Café des parents"]
    assert "Mémo : à ne pas oublier" in diff.updated[0].details
    listing = client.get(reverse("guide:index")).content.decode()
    assert "Ajoutée : Fête de quartier" in listing
    assert "Retirée : Conseil d&#x27;école" in listing


def test_a_build_that_never_starts_tells_the_coordination_to_check_the_worker(
    client_for, practices
):
    import datetime

    from django.utils import timezone

    edition = make_edition([("parents-ecole", practices)])
    build = publish_edition(edition)
    status_url = reverse("guide_editions:status", args=[edition.pk])
    client = client_for(ROLE_COORDINATION)
    assert "le travailleur de fond ne tourne" not in client.get(status_url).content.decode()

    build.queued_at = timezone.now() - datetime.timedelta(minutes=5)
    build.save()
    assert "le travailleur de fond ne tourne" in client.get(status_url).content.decode()
