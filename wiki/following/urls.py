"""Public URLs of the following app: follow buttons, /mes-suivis/, unsubscribing."""

from django.urls import path

from wiki.following import views

app_name = "following"

urlpatterns: list = [
    path("suivre/pratique/<int:page_id>/", views.follow_practice_view, name="follow_practice"),
    path("suivre/theme/<slug:slug>/", views.follow_theme_view, name="follow_theme"),
    path("mes-suivis/", views.my_follows_view, name="my_follows"),
    path("mes-suivis/desabonnement/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
]
