"""Wagtail's default workflow asks the (now deleted) Moderators group to approve: the
Coordination validates instead, so a practice submitted for review can be published."""

from django.db import migrations


def coordination_validates(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    coordination = Group.objects.get(name="Coordination")
    for task in GroupApprovalTask.objects.filter(name="Moderators approval"):
        task.name = "Validation par la Coordination"
        task.save()
        task.groups.set([coordination])
    Workflow.objects.filter(name="Moderators approval").update(name="Relecture et publication")


class Migration(migrations.Migration):
    dependencies = [("wiki", "0002_taxonomy_and_roles")]
    operations = [migrations.RunPython(coordination_validates, migrations.RunPython.noop)]
