"""Required sections are enforced when publishing, not when saving a draft."""

import pytest
from django.urls import reverse

from tests.factories import practice_index
from tests.wiki.admin_forms import practice_form_data
from wiki.models import PracticePage
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION, ROLE_EDUCATION_NATIONALE

pytestmark = pytest.mark.django_db


def add_url():
    return reverse("wagtailadmin_pages:add", args=("wiki", "practicepage", practice_index().pk))


def test_an_incomplete_draft_can_be_saved(client_for):
    client = client_for(ROLE_CENTRES_SOCIAUX)
    response = client.post(add_url(), practice_form_data(complete=False))
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="une-fiche-de-test")
    assert not page.live
    assert page.missing_required_sections()


def test_publishing_an_incomplete_practice_names_every_missing_section(client_for):
    client = client_for(ROLE_COORDINATION)
    data = practice_form_data(complete=False, **{"action-publish": "action-publish"})
    response = client.post(add_url(), data)
    assert response.status_code == 200
    text = response.content.decode()
    assert "Pour publier cette fiche, il faut encore remplir" in text
    for label in (
        "En une phrase",
        "Le point de départ",
        "Objectifs",
        "Les étapes",
        "Difficultés et réponses",
        "Mémo : à ne pas oublier",
        "Thèmes",
    ):
        assert label in text
    assert not PracticePage.objects.filter(slug="une-fiche-de-test").exists()


def test_publishing_a_complete_practice_makes_it_live(client_for):
    client = client_for(ROLE_COORDINATION)
    data = practice_form_data(**{"action-publish": "action-publish"})
    response = client.post(add_url(), data)
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="une-fiche-de-test")
    assert page.live
    assert page.missing_required_sections() == []
    assert client_for(None).get("/pratiques/une-fiche-de-test/").status_code == 200


def test_removing_the_last_step_blocks_publishing_but_not_a_draft(client_for):
    client = client_for(ROLE_COORDINATION)
    client.post(add_url(), practice_form_data(**{"action-publish": "action-publish"}))
    page = PracticePage.objects.get(slug="une-fiche-de-test")
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    step = page.steps.get()
    from wagtail.test.utils.form_data import inline_formset, rich_text

    without_step = {
        "steps": inline_formset(
            [{"id": step.pk, "title": step.title, "text": rich_text(step.text), "DELETE": "1"}],
            initial=1,
        )
    }
    publish = client.post(
        edit_url, practice_form_data(**without_step, **{"action-publish": "action-publish"})
    )
    assert publish.status_code == 200
    assert "Les étapes" in publish.content.decode()
    assert PracticePage.objects.get(pk=page.pk).steps.count() == 1

    draft = client.post(edit_url, practice_form_data(**without_step))
    assert draft.status_code == 302
    latest = PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert latest.steps.count() == 0


def test_a_proposed_practice_is_read_by_the_group_then_published_by_the_coordination(client_for):
    client = client_for(ROLE_EDUCATION_NATIONALE)
    response = client.post(add_url(), practice_form_data(**{"action-submit": "submit"}))
    assert response.status_code == 302
    page = PracticePage.objects.get(slug="une-fiche-de-test")
    assert not page.live
    assert page.workflow_in_progress

    # "Relue par le groupe" (a social centre), then "Publiée" (the Coordination).
    for reviewer in (ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION):
        task_state = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
        url = reverse(
            "wagtailadmin_pages:workflow_action",
            args=(page.pk, "approve", task_state.pk),
        )
        response = client_for(reviewer).post(url, {"comment": "Relue en rencontre."})
        assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_a_draft_needs_only_a_title_and_gets_its_address_from_it(client_for):
    client = client_for(ROLE_CENTRES_SOCIAUX)
    response = client.post(
        add_url(), practice_form_data(title="Un goûter partagé", slug="", complete=False)
    )
    assert response.status_code == 302
    assert PracticePage.objects.get(title="Un goûter partagé").slug == "un-gouter-partage"


def test_empty_rows_saved_with_a_draft_do_not_count_as_sections(client_for):
    from wagtail.test.utils.form_data import inline_formset, rich_text

    client = client_for(ROLE_COORDINATION)
    empty_rows = {
        "steps": inline_formset([{"title": "", "text": rich_text("")}]),
        "memo_items": inline_formset([{"text": ""}]),
    }
    client.post(add_url(), practice_form_data(complete=False, **empty_rows))
    page = PracticePage.objects.get(slug="une-fiche-de-test")
    assert "Les étapes" in page.missing_required_sections()

    publish = client.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        practice_form_data(
            **{"action-publish": "publish"},
            steps=inline_formset(
                [{"id": step.pk, "title": "", "text": rich_text("")} for step in page.steps.all()],
                initial=page.steps.count(),
            ),
        ),
    )
    assert publish.status_code == 200
    assert "Les étapes" in publish.content.decode()
    assert not PracticePage.objects.get(pk=page.pk).live
