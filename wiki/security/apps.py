from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "wiki.security"
    label = "security"
    verbose_name = "Sécurité"
    default_auto_field = "django.db.models.BigAutoField"
