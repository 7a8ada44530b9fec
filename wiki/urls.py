"""Public URLs of the wiki served by plain Django views (pages are served by Wagtail)."""

from django.urls import path

from wiki.contributions.views import contribution_thanks_view, contribution_view
from wiki.views.orientation import orientation_view
from wiki.views.welcome import welcome_view

urlpatterns: list = [
    path("partager-une-experience/", contribution_view, name="contribution"),
    path("partager-une-experience/merci/", contribution_thanks_view, name="contribution_thanks"),
    path("bienvenue/", welcome_view, name="welcome"),
    path("se-situer/", orientation_view, name="orientation"),
]
