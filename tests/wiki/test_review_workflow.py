"""The review of a practice over HTTP: "Proposée → Relue par le groupe → Publiée".

A member of a social centre submits a practice; another member of a social centre (or of the
Coordination) reads it and approves the group's step, never its author; the Coordination
publishes it. Reviewers are told by email.
"""

import pytest
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from tests.factories import make_draft, make_user
from tests.wiki.admin_forms import practice_form_data
from wiki.models import PracticePage
from wiki.review.workflow import PUBLISH_TASK_NAME, REVIEW_TASK_NAME, submit_for_review
from wiki.vocabulary import (
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

pytestmark = pytest.mark.django_db

APPROVE_BUTTON = 'data-workflow-action-name="approve"'


@pytest.fixture
def author(role_users):
    return role_users[ROLE_CENTRES_SOCIAUX]


@pytest.fixture
def colleague(role_users):
    """Another member of a social centre, who did not write the practice."""
    return make_user("colleague", ROLE_CENTRES_SOCIAUX)


@pytest.fixture
def proposed(author):
    """A complete practice its author has submitted for review."""
    page = make_draft(user=author, title="Un café des parents", slug="cafe-des-parents")
    page.owner = author
    page.save(update_fields=["owner"])
    submit_for_review(page, author)
    return PracticePage.objects.get(pk=page.pk)


def current_task_state(page) -> TaskState:
    return PracticePage.objects.get(pk=page.pk).current_workflow_task_state


def act(client, user, page, action: str):
    client.force_login(user)
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": ""})


def refused(response) -> bool:
    """The admin turns a refused action into a redirect to its home with a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def approved(response, page) -> bool:
    """A done action leads back to the page's editor."""
    return response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=(page.pk,)
    )


def edit_page(client, user, page) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert response.status_code == 200
    return response.content.decode()


def test_submitting_from_the_admin_sends_the_practice_to_the_groups_review(client, author):
    draft = make_draft(user=author, slug="soumise")
    draft.owner = author
    draft.save(update_fields=["owner"])
    client.force_login(author)
    client.post(
        reverse("wagtailadmin_pages:edit", args=(draft.pk,)),
        practice_form_data(slug="soumise", **{"action-submit": "submit"}),
    )
    page = PracticePage.objects.get(pk=draft.pk)
    assert page.workflow_in_progress
    assert page.current_workflow_task.name == REVIEW_TASK_NAME
    assert not page.live


def test_an_author_does_not_see_the_approve_button_on_their_own_practice(client, author, proposed):
    assert APPROVE_BUTTON not in edit_page(client, author, proposed)


def test_an_author_cannot_approve_their_own_practice(client, author, proposed):
    response = act(client, author, proposed, "approve")
    assert refused(response)
    assert "pas les autorisations" in client.get(response["Location"]).content.decode()
    assert current_task_state(proposed).task.name == REVIEW_TASK_NAME
    assert current_task_state(proposed).status == TaskState.STATUS_IN_PROGRESS


def test_an_author_cannot_request_changes_on_their_own_practice_either(client, author, proposed):
    assert refused(act(client, author, proposed, "reject"))


def test_the_owner_cannot_approve_when_someone_else_submitted_it(client, author, colleague):
    page = make_draft(user=author, slug="ecrite-par-l-auteur")
    page.owner = author
    page.save(update_fields=["owner"])
    submit_for_review(page, colleague)
    assert refused(act(client, author, page, "approve"))
    # Who submitted it is an author too: neither may approve.
    assert refused(act(client, colleague, page, "approve"))
    assert current_task_state(page).task.name == REVIEW_TASK_NAME


def test_another_social_centre_member_sees_and_uses_the_approve_button(client, colleague, proposed):
    assert APPROVE_BUTTON in edit_page(client, colleague, proposed)
    assert "Approuver la relecture" in edit_page(client, colleague, proposed)
    assert approved(act(client, colleague, proposed, "approve"), proposed)
    page = PracticePage.objects.get(pk=proposed.pk)
    assert page.current_workflow_task.name == PUBLISH_TASK_NAME
    assert not page.live


def test_a_coordination_member_may_do_the_groups_review_too(client, role_users, proposed):
    act(client, role_users[ROLE_COORDINATION], proposed, "approve")
    assert current_task_state(proposed).task.name == PUBLISH_TASK_NAME


@pytest.mark.parametrize("role", [ROLE_EDUCATION_NATIONALE, ROLE_ACTEURS])
def test_readers_outside_the_groups_cannot_approve_the_review(client, role_users, role, proposed):
    assert refused(act(client, role_users[role], proposed, "approve"))
    assert current_task_state(proposed).task.name == REVIEW_TASK_NAME


def test_only_the_coordination_can_do_the_publish_step(client, role_users, colleague, proposed):
    act(client, colleague, proposed, "approve")
    assert refused(act(client, colleague, proposed, "approve"))
    assert APPROVE_BUTTON not in edit_page(client, colleague, proposed)
    assert not PracticePage.objects.get(pk=proposed.pk).live

    coordinator = role_users[ROLE_COORDINATION]
    assert "Approuver la relecture et Publier" not in edit_page(client, coordinator, proposed)
    assert APPROVE_BUTTON in edit_page(client, coordinator, proposed)
    assert approved(act(client, coordinator, proposed, "approve"), proposed)
    page = PracticePage.objects.get(pk=proposed.pk)
    assert page.live
    assert page.current_workflow_state is None
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_after_both_approvals_the_practice_is_public(client, role_users, colleague, proposed):
    act(client, colleague, proposed, "approve")
    act(client, role_users[ROLE_COORDINATION], proposed, "approve")
    client.logout()
    response = client.get("/pratiques/cafe-des-parents/")
    assert response.status_code == 200
    assert "Un café des parents" in response.content.decode()


def test_a_request_for_changes_sends_the_practice_back_to_its_author(
    client, author, colleague, proposed
):
    act(client, colleague, proposed, "reject")
    page = PracticePage.objects.get(pk=proposed.pk)
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live


def test_reviewers_are_emailed_but_not_the_author(author, colleague, role_users, mailoutbox):
    page = make_draft(user=author, slug="a-relire")
    page.owner = author
    page.save(update_fields=["owner"])
    mailoutbox.clear()
    submit_for_review(page, author)
    recipients = {address for message in mailoutbox for address in message.to}
    assert colleague.email in recipients
    assert role_users[ROLE_COORDINATION].email in recipients
    assert author.email not in recipients
    assert role_users[ROLE_EDUCATION_NATIONALE].email not in recipients
    assert role_users[ROLE_ACTEURS].email not in recipients
    message = next(message for message in mailoutbox if message.to == [colleague.email])
    assert REVIEW_TASK_NAME in message.subject
    assert f"/admin/pages/{page.pk}/edit/" in message.body


def test_the_coordination_is_emailed_when_the_group_has_read_it(
    client, colleague, role_users, proposed, mailoutbox
):
    mailoutbox.clear()
    act(client, colleague, proposed, "approve")
    recipients = {address for message in mailoutbox for address in message.to}
    assert role_users[ROLE_COORDINATION].email in recipients
    assert colleague.email not in recipients


def test_the_review_list_of_an_author_leaves_out_their_own_practices(author, colleague, proposed):
    assert not TaskState.objects.reviewable_by(author).filter(pk=current_task_state(proposed).pk)
    assert TaskState.objects.reviewable_by(colleague).filter(pk=current_task_state(proposed).pk)
