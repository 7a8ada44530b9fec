"""Public URLs of the following app."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
