"""Seed the taxonomy (themes, stages, audiences, levels) and the five roles of the spec.

Permissions may not exist yet on a fresh database (Django creates them after all
migrations), so they are fetched or created here by content type and codename.
"""

from django.db import migrations

from wiki.vocabulary import (
    AUDIENCES,
    LEVELS,
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
    STAGES,
    THEMES,
)

THEME_LOOK = (
    ("#b34700", "🚪"),
    ("#1f5fa8", "🏫"),
    ("#8a3c96", "👪"),
    ("#2e7d32", "📚"),
    ("#a0204f", "🤝"),
    ("#00707a", "💬"),
    ("#b3261e", "🌧️"),
    ("#5b5b12", "🌟"),
    ("#4e4aa8", "🕸️"),
)

THEME_INTRODUCTIONS = {
    "aller-vers-l-ecole": "Faire le premier pas : se présenter, trouver la bonne porte, donner envie de travailler ensemble.",
    "comprendre-l-education-nationale": "Qui décide de quoi, quels dispositifs existent, à qui s'adresser : de l'école à la circonscription.",
    "parents-ecole": "Les familles au cœur du lien entre l'école et le centre social : accueillir, accompagner, faire dialoguer.",
    "accompagnement-scolarite": "L'accompagnement à la scolarité (CLAS), l'aide aux devoirs et les temps autour de l'école.",
    "projets-communs": "Monter à plusieurs un projet qui a du sens pour les enfants, les familles et le quartier.",
    "communiquer": "Les mots de l'école et ceux du centre social ne sont pas les mêmes : se comprendre pour avancer.",
    "difficultes-tensions": "Quand ça coince : conflits, silences, malentendus, et les réponses trouvées sur le terrain.",
    "valoriser-evaluer": "Montrer ce qui marche, le mesurer simplement et le faire savoir.",
    "reseau-entraide": "S'appuyer sur les autres centres, transmettre aux nouveaux, ne pas réinventer la roue.",
}

PAGE_PERMISSIONS = {
    ROLE_COORDINATION: ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"),
    ROLE_CENTRES_SOCIAUX: ("add_page", "change_page", "lock_page"),
    ROLE_EDUCATION_NATIONALE: ("add_page",),
    ROLE_ACTEURS: (),
}

# (app_label, model, codename, name)
MODEL_PERMISSIONS = {
    ROLE_COORDINATION: (
        ("wiki", "theme", "add_theme", "Can add thème"),
        ("wiki", "theme", "change_theme", "Can change thème"),
        ("wiki", "theme", "delete_theme", "Can delete thème"),
        ("wiki", "glossaryterm", "add_glossaryterm", "Can add terme du glossaire"),
        ("wiki", "glossaryterm", "change_glossaryterm", "Can change terme du glossaire"),
        ("wiki", "glossaryterm", "delete_glossaryterm", "Can delete terme du glossaire"),
        ("auth", "user", "add_user", "Can add user"),
        ("auth", "user", "change_user", "Can change user"),
        ("auth", "user", "delete_user", "Can delete user"),
    ),
}

COLLECTION_PERMISSIONS = {
    ROLE_COORDINATION: (
        ("wagtaildocs", "document", ("add_document", "change_document", "delete_document", "choose_document")),
        ("wagtailimages", "image", ("add_image", "change_image", "delete_image", "choose_image")),
    ),
    ROLE_CENTRES_SOCIAUX: (
        ("wagtaildocs", "document", ("add_document", "change_document", "choose_document")),
        ("wagtailimages", "image", ("add_image", "change_image", "choose_image")),
    ),
    ROLE_EDUCATION_NATIONALE: (
        ("wagtaildocs", "document", ("add_document", "choose_document")),
        ("wagtailimages", "image", ("add_image", "choose_image")),
    ),
    ROLE_ACTEURS: (),
}


def get_permission(apps, app_label, model, codename, name=None):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name or codename}
    )
    return permission


def seed_taxonomy(apps, schema_editor):
    Theme = apps.get_model("wiki", "Theme")
    Stage = apps.get_model("wiki", "Stage")
    Audience = apps.get_model("wiki", "Audience")
    Level = apps.get_model("wiki", "Level")
    for order, ((slug, title), (colour, emoji)) in enumerate(zip(THEMES, THEME_LOOK, strict=True)):
        Theme.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "colour": colour,
                "emoji": emoji,
                "sort_order": order,
                "introduction": f"<p>{THEME_INTRODUCTIONS[slug]}</p>",
            },
        )
    for order, (slug, title, description) in enumerate(STAGES):
        Stage.objects.get_or_create(
            slug=slug, defaults={"title": title, "description": description, "sort_order": order}
        )
    for model, values in ((Audience, AUDIENCES), (Level, LEVELS)):
        for order, (slug, title) in enumerate(values):
            model.objects.get_or_create(slug=slug, defaults={"title": title, "sort_order": order})


def seed_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    access_admin = get_permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")

    # Wagtail's default groups would confuse people next to the five roles.
    Group.objects.filter(name__in=("Moderators", "Editors"), user__isnull=True).delete()

    for role, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.add(access_admin)
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root_page,
                permission=get_permission(apps, "wagtailcore", "page", codename),
            )
        for app_label, model, codename, name in MODEL_PERMISSIONS.get(role, ()):
            group.permissions.add(get_permission(apps, app_label, model, codename, name))
        for app_label, model, codenames_ in COLLECTION_PERMISSIONS[role]:
            for codename in codenames_:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=get_permission(apps, app_label, model, codename),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("wiki", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(seed_taxonomy, migrations.RunPython.noop),
        migrations.RunPython(seed_roles, migrations.RunPython.noop),
    ]
