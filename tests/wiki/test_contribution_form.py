""" "Partager une expérience": a visitor's practice becomes a draft waiting for the group's
review, never a live page; robots, floods and oversized posts are turned away in French."""

from datetime import timedelta

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.factories import make_user
from wiki.contributions.forms import TOTAL_MAX_CHARACTERS
from wiki.contributions.limits import MAX_BODY_BYTES
from wiki.models import Contribution, PracticePage, Stage, Theme
from wiki.review.workflow import REVIEW_TASK_NAME
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db

URL = "/partager-une-experience/"
THANKS = "Merci ! Votre expérience a été transmise à la coordination, qui la relira avec le groupe."


def contribution_data(**overrides) -> dict:
    data = {
        "title": "Un café des parents à la sortie de l'école",
        "summary": "Chaque vendredi, un café devant l'école pour rencontrer les familles.",
        "context": "Les familles ne poussaient pas la porte du centre.\n\nL'école prête le préau.",
        "objectives": "Se faire connaître des parents de maternelle.",
        "ingredients": "Deux animatrices, un thermos, une table pliante.",
        "step_1_title": "En parler à la directrice",
        "step_1_text": "Un rendez-vous de vingt minutes.",
        "step_2_title": "Installer le café",
        "step_2_text": "",
        "step_3_title": "",
        "step_3_text": "",
        "what_worked": "La régularité : tous les vendredis.",
        "difficulty_1": "Il pleut",
        "answer_1": "Le préau de l'école.",
        "memo": "Prévenir la directrice\n\n- [ ] Apporter des gobelets",
        "themes": [Theme.objects.get(slug="parents-ecole").pk],
        "stage": Stage.objects.get(slug="premier-contact").pk,
        "audiences": [],
        "levels": [],
        "structure": "Centre social des Tilleuls",
        "territory": "Quartier Nord, Villeneuve",
        "contributor_name": "Amina Diallo",
        "contributor_email": "amina@example.org",
        "verification": "",
    }
    data.update(overrides)
    return data


def contributed() -> PracticePage:
    return PracticePage.objects.get(title="Un café des parents à la sortie de l'école")


def test_the_form_is_open_to_anonymous_visitors(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Partager une expérience" in html
    assert "Le point de départ" in html
    assert 'name="step_5_title"' in html and 'name="answer_4"' in html


def test_a_valid_contribution_becomes_a_draft_waiting_for_the_groups_review(client):
    response = client.post(URL, contribution_data())
    assert response.status_code == 302
    assert response["Location"] == reverse("contribution_thanks")
    page = contributed()
    assert not page.live
    assert page.get_latest_revision() is not None
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == REVIEW_TASK_NAME
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by is None


def test_the_draft_holds_the_sections_as_they_were_written(client):
    client.post(URL, contribution_data())
    page = contributed().get_latest_revision_as_object()
    assert page.summary.startswith("Chaque vendredi")
    assert page.context == (
        "<p>Les familles ne poussaient pas la porte du centre.</p>"
        "<p>L&#x27;école prête le préau.</p>"
    )
    # Only the filled rows count: the empty ones of the form are ignored.
    assert [step.title for step in page.steps.all()] == [
        "En parler à la directrice",
        "Installer le café",
    ]
    assert [item.question for item in page.difficulties.all()] == ["Il pleut"]
    assert [item.text for item in page.memo_items.all()] == [
        "Prévenir la directrice",
        "Apporter des gobelets",
    ]
    assert [theme.slug for theme in page.themes.all()] == ["parents-ecole"]
    assert page.stage.slug == "premier-contact"
    assert page.territory == "Quartier Nord, Villeneuve"


def test_the_contribution_never_creates_a_live_page(client):
    live_before = PracticePage.objects.live().count()
    client.post(URL, contribution_data())
    assert PracticePage.objects.live().count() == live_before
    assert client.get(f"/pratiques/{contributed().slug}/").status_code == 404


def test_html_typed_in_the_form_stays_text(client):
    client.post(URL, contribution_data(objectives='<script>alert("x")</script><b>gras</b>'))
    objectives = contributed().get_latest_revision_as_object().objectives
    assert "<script>" not in objectives and "<b>" not in objectives
    assert "&lt;script&gt;" in objectives


def test_the_contact_is_kept_but_not_on_the_page(client):
    client.post(URL, contribution_data())
    contribution = Contribution.objects.get()
    assert contribution.page_id == contributed().pk
    assert contribution.contributor_email == "amina@example.org"
    assert "amina@example.org" not in str(contributed().get_latest_revision().content)


def test_the_thanks_page_says_what_happens_next(client):
    response = client.post(URL, contribution_data(), follow=True)
    assert THANKS in response.content.decode()


def test_the_honeypot_refuses_and_creates_nothing(client):
    response = client.post(URL, contribution_data(verification="https://spam.example"))
    assert response.status_code == 400
    assert "Ne rien écrire ici" in response.content.decode()
    assert not PracticePage.objects.filter(title__startswith="Un café").exists()
    assert not Contribution.objects.exists()


def test_the_honeypot_is_hidden_from_people_and_screen_readers(client):
    html = client.get(URL).content.decode()
    trap = html[html.index('class="contribution__trap"') :]
    trap = trap[: trap.index("</div>")]
    assert 'aria-hidden="true"' in trap
    assert 'tabindex="-1"' in trap
    assert '<label for="id_verification">Ne rien écrire ici</label>' in trap


def test_the_fourth_contribution_within_the_hour_is_refused(client):
    for number in range(3):
        response = client.post(URL, contribution_data(title=f"Expérience {number}"))
        assert response.status_code == 302
    response = client.post(URL, contribution_data(title="Expérience de trop"))
    assert response.status_code == 429
    assert "réessayez dans une heure" in response.content.decode()
    assert not PracticePage.objects.filter(title="Expérience de trop").exists()
    # What was typed is still there, to send later.
    assert "Expérience de trop" in response.content.decode()


def test_the_limit_counts_per_address(client):
    for number in range(3):
        client.post(URL, contribution_data(title=f"Expérience {number}"))
    response = client.post(URL, contribution_data(), REMOTE_ADDR="192.0.2.44")
    assert response.status_code == 302


def test_an_hour_later_the_same_address_may_share_again(client):
    for number in range(3):
        client.post(URL, contribution_data(title=f"Expérience {number}"))
    Contribution.objects.update(
        created_at=Contribution.objects.get(page__title="Expérience 0").created_at
        - timedelta(minutes=61)
    )
    assert client.post(URL, contribution_data()).status_code == 302


def test_too_long_fields_are_refused(client):
    response = client.post(URL, contribution_data(title="t" * 151, step_2_text="é" * 1501))
    assert response.status_code == 400
    html = response.content.decode()
    assert "« Titre » : 150 caractères au plus (vous en avez écrit 151)." in html
    assert "1500 caractères au plus" in html
    assert not Contribution.objects.exists()


def test_a_text_too_long_in_total_is_refused(client):
    long = "Une phrase qui raconte. " * 60  # 1440 characters each
    fields = {f"step_{n}_text": long for n in range(1, 6)}
    fields |= {f"answer_{n}": long for n in range(1, 5)}
    fields |= {f"step_{n}_title": f"Étape {n}" for n in range(1, 6)}
    fields |= {f"difficulty_{n}": f"Difficulté {n}" for n in range(1, 5)}
    fields |= {"context": long * 2, "objectives": long * 2, "what_worked": long}
    response = client.post(URL, contribution_data(**fields))
    assert response.status_code == 400
    assert f"{TOTAL_MAX_CHARACTERS} au plus" in response.content.decode()
    assert not Contribution.objects.exists()


def test_a_request_far_too_large_is_refused_without_being_read(client):
    body = "title=" + "x" * (MAX_BODY_BYTES + 1)
    response = client.generic("POST", URL, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 413
    assert "bien trop volumineux" in response.content.decode()


def test_a_failed_submission_keeps_everything_typed(client):
    response = client.post(URL, contribution_data(contributor_email="pas-une-adresse"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Cette adresse électronique ne semble pas complète" in html
    assert "Les familles ne poussaient pas la porte du centre." in html
    assert 'value="En parler à la directrice"' in html
    assert "Apporter des gobelets" in html
    theme = Theme.objects.get(slug="parents-ecole")
    assert f'value="{theme.pk}" id="id_themes_2" checked' in html
    assert 'value="pas-une-adresse"' in html


def test_errors_are_summed_up_at_the_top_with_links_to_their_fields(client):
    response = client.post(URL, contribution_data(title="", themes=[], step_1_title=""))
    html = response.content.decode()
    summary = html[html.index('class="error-summary"') :]
    assert summary.index('href="#id_title"') < summary.index('href="#id_step_1_title"')
    assert 'aria-describedby="id_title_helptext id_title_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Donnez un titre à votre expérience." in html
    assert "<title>Erreur : Partager une expérience" in html


def test_a_step_text_needs_its_title(client):
    response = client.post(URL, contribution_data(step_3_text="Un texte sans titre"))
    assert response.status_code == 400
    assert "Donnez un titre à l&#x27;étape 3." in response.content.decode()


def test_the_coordination_is_emailed_with_the_contact(client, role_users, mailoutbox):
    client.post(URL, contribution_data())
    messages = [m for m in mailoutbox if m.subject.startswith("Nouvelle expérience partagée")]
    assert [message.to for message in messages] == [[role_users[ROLE_COORDINATION].email]]
    message = messages[0]
    assert "« Un café des parents à la sortie de l'école »" in message.subject
    assert message.reply_to == ["amina@example.org"]
    assert "Amina Diallo (amina@example.org)" in message.body
    assert f"/admin/pages/{contributed().pk}/edit/" in message.body


def test_the_group_can_review_and_the_coordination_publish_a_contribution(client, role_users):
    client.post(URL, contribution_data())
    page = contributed()
    reviewer = make_user("relectrice", ROLE_CENTRES_SOCIAUX)
    for user in (reviewer, role_users[ROLE_COORDINATION]):
        client.force_login(user)
        edit = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        assert 'data-workflow-action-name="approve"' in edit.content.decode()
        task_state = PracticePage.objects.get(pk=page.pk).current_workflow_task_state
        client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk)),
            {"comment": ""},
        )
    assert PracticePage.objects.get(pk=page.pk).live
