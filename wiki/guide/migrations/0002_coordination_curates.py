"""Only the Coordination curates and publishes guide editions (the content contract's roles).

Permissions may not exist yet on a fresh database (Django creates them after all
migrations), so they are created here when missing.
"""

from django.db import migrations

COORDINATION = "Coordination"
CODENAMES = {
    "add_guideedition": "Can add édition du guide",
    "change_guideedition": "Can change édition du guide",
    "delete_guideedition": "Can delete édition du guide",
    "view_guideedition": "Can view édition du guide",
    "publish_guideedition": "Peut publier une édition du guide",
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="guide", model="guideedition")
    coordination, _ = Group.objects.get_or_create(name=COORDINATION)
    for codename, name in CODENAMES.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        coordination.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    coordination = Group.objects.filter(name=COORDINATION).first()
    if coordination:
        coordination.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="guide", codename__in=list(CODENAMES)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0001_initial"),
        ("wiki", "0002_taxonomy_and_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
