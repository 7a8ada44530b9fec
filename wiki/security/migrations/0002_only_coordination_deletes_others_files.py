"""In Wagtail, permission to change a document or an image in a collection is also permission
to delete it ("delete" counts as "change"): the social centres, given "change" on the root
collection, could delete any file, and the practices using it would lose their attachment.
They keep "add" (Wagtail lets uploaders change and delete their own files); the Coordination
keeps "change", so it alone deletes other people's files, as it alone deletes pages.
"""

from django.db import migrations

REMOVED = (("wagtaildocs", "document", "change_document"), ("wagtailimages", "image", "change_image"))


def only_coordination_deletes_others_files(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for app_label, model, codename in REMOVED:
        GroupCollectionPermission.objects.filter(
            group__name="Centres sociaux",
            permission__content_type__app_label=app_label,
            permission__content_type__model=model,
            permission__codename=codename,
        ).delete()


def restore(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name="Centres sociaux").first()
    root = Collection.objects.filter(depth=1).first()
    if group is None or root is None:
        return
    for app_label, model, codename in REMOVED:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, content_type__model=model, codename=codename
        ).first()
        if permission:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


class Migration(migrations.Migration):
    dependencies = [("security", "0001_initial"), ("wiki", "0002_taxonomy_and_roles")]
    operations = [migrations.RunPython(only_coordination_deletes_others_files, restore)]
