from django.apps import AppConfig


class FollowingConfig(AppConfig):
    name = "wiki.following"
    label = "following"
    verbose_name = "Suivis"
    default_auto_field = "django.db.models.BigAutoField"
