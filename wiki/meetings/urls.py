"""Public URLs of the meetings app (the meeting pages themselves are served by Wagtail)."""

from django.urls import path

from wiki.meetings.views import whats_new_view

urlpatterns = [
    path("quoi-de-neuf/", whats_new_view, name="whats_new"),
]
