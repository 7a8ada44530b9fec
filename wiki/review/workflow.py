"""Which workflow reviews the practices, and starting it on a page.

The workflow "Relecture des pratiques" (created by migration wiki 0005) is attached to the
practice list page, so it applies to every practice below it; the rest of the site keeps
Wagtail's default workflow, where the Coordination validates alone.
"""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowState

from wiki.models import GroupReviewTask

REVIEW_TASK_NAME = "Relue par le groupe"
PUBLISH_TASK_NAME = "Publiée par la Coordination"


def practice_review_workflow() -> Workflow | None:
    """The active workflow with a group review step (found by its task, not its name, so
    the Coordination may rename it in the admin)."""
    review_task_type = ContentType.objects.get_for_model(GroupReviewTask)
    return (
        Workflow.objects.active()
        .filter(workflow_tasks__task__content_type=review_task_type)
        .order_by("pk")
        .first()
    )


def assign_review_workflow(practice_index: Page) -> None:
    """Attach the review workflow to the practice list page, unless it has one already."""
    workflow = practice_review_workflow()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=practice_index, defaults={"workflow": workflow})


def submit_for_review(page: Page, user=None) -> WorkflowState:
    """Start the page's workflow on its latest revision: the practice is "Proposée"."""
    workflow = page.get_workflow()
    if workflow is None:
        raise LookupError(f"Aucun circuit de relecture ne s'applique à la page {page.pk}.")
    return workflow.start(page, user)
