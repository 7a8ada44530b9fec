"""The group's review step of the practices' workflow: any member of the chosen groups may
approve a submitted practice, except its author.

It mirrors Wagtail's GroupApprovalTask (who may open the editor, lock, approve) with one
difference: the page's owner and whoever submitted the workflow run never see the approve
and reject actions, so nobody validates their own practice. It is a plain `Task` subclass,
not an `AbstractGroupApprovalTask`, so that Wagtail's notifier (which would email every group
member, authors included) leaves it alone: the task notifies its eligible reviewers itself.
"""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.db.models import CharField
from django.db.models.functions import Cast
from wagtail.models import LockableMixin, Page, Task, TaskState, WorkflowState

REVIEW_ACTIONS = [
    ("reject", "Demander des modifications", True),
    ("approve", "Approuver la relecture", False),
    ("approve", "Approuver avec un commentaire", True),
]


class GroupReviewTask(Task):
    groups = models.ManyToManyField(
        Group,
        verbose_name="groupes",
        related_name="review_tasks",
        help_text=(
            "Les membres de ces groupes relisent la page ; l'auteur ne peut pas approuver "
            "sa propre page."
        ),
    )

    admin_form_fields = [*Task.admin_form_fields, "groups"]
    admin_form_widgets = {"groups": forms.CheckboxSelectMultiple}

    class Meta:
        verbose_name = "relecture par un groupe, sauf l'auteur"
        verbose_name_plural = "relectures par un groupe, sauf l'auteur"

    @classmethod
    def get_description(cls) -> str:
        return (
            "Un membre des groupes choisis relit la page et l'approuve ; "
            "l'auteur ne peut pas approuver sa propre page."
        )

    def start(self, workflow_state: WorkflowState, user=None) -> TaskState:
        from wiki.review.notifications import notify_reviewers

        unlock_if_locked_by_outsider(workflow_state.content_object, self)
        task_state = super().start(workflow_state, user=user)
        notify_reviewers(task_state, user=user)
        return task_state

    def author_ids(self, obj, workflow_state: WorkflowState | None = None) -> set[int]:
        """The page's owner and whoever submitted the current workflow run."""
        if workflow_state is None:
            workflow_state = obj.current_workflow_state
        ids = {getattr(obj, "owner_id", None)}
        if workflow_state is not None:
            ids.add(workflow_state.requested_by_id)
        return ids - {None}

    def user_in_groups(self, user) -> bool:
        # Cached on the user for the request, as GroupApprovalTask does: the admin asks
        # several times per page.
        checks = user.__dict__.setdefault("_group_review_task_checks", {})
        if self.pk not in checks:
            checks[self.pk] = self.groups.filter(id__in=user.groups.all()).exists()
        return checks[self.pk]

    def user_can_review(self, obj, user) -> bool:
        if not (user.is_superuser or self.user_in_groups(user)):
            return False
        return user.pk not in self.author_ids(obj)

    def user_can_access_editor(self, obj, user) -> bool:
        return user.is_superuser or self.user_in_groups(user)

    def locked_for_user(self, obj, user) -> bool:
        return not (user.is_superuser or self.user_in_groups(user))

    def user_can_lock(self, obj, user) -> bool:
        return self.user_in_groups(user)

    def user_can_unlock(self, obj, user) -> bool:
        return False

    def get_actions(self, obj, user) -> list[tuple[str, str, bool]]:
        if self.user_can_review(obj, user):
            return list(REVIEW_ACTIONS)
        return []

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not (user.is_superuser or self.user_in_groups(user)):
            return TaskState.objects.none()
        own_page_ids = (
            Page.objects.filter(owner=user)
            .annotate(id_text=Cast("pk", output_field=CharField()))
            .values("id_text")
        )
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(workflow_state__requested_by=user)
            .exclude(workflow_state__object_id__in=own_page_ids)
        )

    def eligible_reviewers(self, workflow_state: WorkflowState):
        """Active members of the groups (and superusers, as Wagtail notifies them) who may
        approve this run: everybody but its authors."""
        members = models.Q(groups__in=self.groups.all())
        if getattr(settings, "WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS", True):
            members |= models.Q(is_superuser=True)
        authors = self.author_ids(workflow_state.content_object, workflow_state)
        return (
            get_user_model()
            .objects.filter(members, is_active=True)
            .exclude(pk__in=authors)
            .distinct()
        )


def unlock_if_locked_by_outsider(obj, task: GroupReviewTask) -> None:
    """As GroupApprovalTask does: a lock held by someone outside the groups would stop the
    reviewers, so it is released when the review starts."""
    if not isinstance(obj, LockableMixin) or not obj.locked_by_id:
        return
    if obj.locked_by.groups.filter(id__in=task.groups.all()).exists():
        return
    obj.locked, obj.locked_by, obj.locked_at = False, None, None
    obj.save(update_fields=["locked", "locked_by", "locked_at"])
