"""Email to the people who may review a practice that reached the group's review step.

Wagtail's own message for a task submission ("La page … a été soumise pour approbation à
l'étape de modération …", in the recipient's language) is reused; only the recipients
differ: the groups' members minus the practice's authors.
"""

from wagtail.admin.mail import BaseGroupApprovalTaskStateEmailNotifier
from wagtail.models import TaskState


class ReviewerEmailNotifier(BaseGroupApprovalTaskStateEmailNotifier):
    notification = "submitted"

    def can_handle(self, instance, **kwargs) -> bool:
        return isinstance(instance, TaskState) and hasattr(
            instance.task.specific, "eligible_reviewers"
        )

    def get_recipient_users(self, task_state: TaskState, **kwargs):
        reviewers = task_state.task.specific.eligible_reviewers(task_state.workflow_state)
        triggering_user = kwargs.get("user")
        if triggering_user is not None:
            reviewers = reviewers.exclude(pk=triggering_user.pk)
        return reviewers


def notify_reviewers(task_state: TaskState, user=None) -> bool:
    """Send one email to each eligible reviewer; True when every message left."""
    return ReviewerEmailNotifier()(task_state.specific, user=user)
