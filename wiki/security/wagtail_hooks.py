"""Admin integration of the security app."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_editor_js")
def confirm_overwrite_js() -> str:
    return format_html('<script src="{}"></script>', static("security/confirm_overwrite.js"))
