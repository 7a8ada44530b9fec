"""Public URLs of the wiki served by plain Django views (pages are served by Wagtail)."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
