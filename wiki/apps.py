from django.apps import AppConfig


class WikiConfig(AppConfig):
    name = "wiki"
    verbose_name = "Wiki des pratiques"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from passerelles.page_cache import watch_visible_changes

        from . import signals  # noqa: F401
        from .first_login import watch_first_logins

        watch_first_logins()
        watch_visible_changes()
