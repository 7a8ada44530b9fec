from django.apps import AppConfig


class GuideConfig(AppConfig):
    name = "wiki.guide"
    label = "guide"
    verbose_name = "Guide de référence"
    default_auto_field = "django.db.models.BigAutoField"
