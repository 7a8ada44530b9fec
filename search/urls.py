from django.urls import path

from search import views

urlpatterns = [
    path("recherche/", views.search_page, name="search"),
    path("api/search/", views.search_api, name="search_api"),
    path("api/search/suggestions/", views.suggestions_api, name="search_suggestions"),
]
