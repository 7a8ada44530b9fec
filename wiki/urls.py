"""Public URLs of the wiki served by plain Django views (pages are served by Wagtail)."""

from django.urls import path

from wiki.views.orientation import orientation_view
from wiki.views.welcome import welcome_view

urlpatterns: list = [
    path("bienvenue/", welcome_view, name="welcome"),
    path("se-situer/", orientation_view, name="orientation"),
]
