"""Wagtail's own sign-in page for private pages (/_util/login/) checks passwords without the
throttle: it only sends people to the admin's sign-in page, which has it (and is in French)."""

from django.urls import path
from django.views.generic import RedirectView

urlpatterns = [
    path(
        "_util/login/",
        RedirectView.as_view(pattern_name="wagtailadmin_login", query_string=True),
        name="frontend_login",
    ),
]
