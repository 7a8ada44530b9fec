"""The practices' review workflow: "Proposée → Relue par le groupe → Publiée".

A practice submitted for review ("Proposée") is first read by a member of a social centre or
of the Coordination who is not its author ("Relue par le groupe", a GroupReviewTask), then
published by the Coordination ("Publiée par la Coordination", a GroupApprovalTask: approving
the last step publishes the page).

The workflow is attached to the practice list page ("/pratiques/"), which replaces, for the
practices, Wagtail's default single-step workflow (still attached to the root page, where the
Coordination validates the other pages). On a fresh database the practice list does not exist
yet (it is created after `migrate`): `wiki.site_structure` attaches the workflow when it
creates the page. Going backwards removes the workflow and its steps: practices fall back to
the default workflow, where the Coordination validates alone.
"""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW_NAME = "Relecture des pratiques"
REVIEW_TASK_NAME = "Relue par le groupe"
PUBLISH_TASK_NAME = "Publiée par la Coordination"
REVIEWER_GROUPS = ("Centres sociaux", "Coordination")
PUBLISHER_GROUPS = ("Coordination",)


def content_type(apps, app_label, model):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.get_or_create(app_label=app_label, model=model)[0]


def create_review_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    GroupReviewTask = apps.get_model("wiki", "GroupReviewTask")

    # Historical models do not run Task.__init__, which sets the specific content type.
    review = GroupReviewTask.objects.create(
        name=REVIEW_TASK_NAME, content_type=content_type(apps, "wiki", "groupreviewtask")
    )
    review.groups.set(Group.objects.filter(name__in=REVIEWER_GROUPS))
    publish = GroupApprovalTask.objects.create(
        name=PUBLISH_TASK_NAME,
        content_type=content_type(apps, "wagtailcore", "groupapprovaltask"),
    )
    publish.groups.set(Group.objects.filter(name__in=PUBLISHER_GROUPS))

    workflow = Workflow.objects.create(name=WORKFLOW_NAME)
    WorkflowTask.objects.create(workflow=workflow, task=review, sort_order=0)
    WorkflowTask.objects.create(workflow=workflow, task=publish, sort_order=1)

    practice_list = content_type(apps, "wiki", "practiceindexpage")
    for index in Page.objects.filter(content_type=practice_list):
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def remove_review_workflow(apps, schema_editor):
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    # Deleting the workflow removes its page assignments, its runs and their task states.
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    Task.objects.filter(
        name__in=(REVIEW_TASK_NAME, PUBLISH_TASK_NAME), workflow_tasks__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0098_apitoken"),
        ("wiki", "0004_glossary_dates"),
    ]

    operations = [
        migrations.CreateModel(
            name="GroupReviewTask",
            fields=[
                (
                    "task_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to="wagtailcore.task",
                    ),
                ),
                (
                    "groups",
                    models.ManyToManyField(
                        help_text=(
                            "Les membres de ces groupes relisent la page ; l'auteur ne peut pas "
                            "approuver sa propre page."
                        ),
                        related_name="review_tasks",
                        to="auth.group",
                        verbose_name="groupes",
                    ),
                ),
            ],
            options={
                "verbose_name": "relecture par un groupe, sauf l'auteur",
                "verbose_name_plural": "relectures par un groupe, sauf l'auteur",
            },
            bases=("wagtailcore.task",),
        ),
        migrations.RunPython(create_review_workflow, remove_review_workflow),
    ]
