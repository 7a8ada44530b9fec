from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "wiki.meetings"
    label = "meetings"
    verbose_name = "Rencontres"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401
