"""The guide online: /guide/, each edition at /guide/<slug>/, its files beneath it."""

from django.urls import path

from wiki.guide import views

app_name = "guide"

urlpatterns = [
    path("guide/", views.guide_index, name="index"),
    path("guide/<slug:slug>/", views.edition_detail, name="edition"),
    path("guide/<slug:slug>/<str:filename>", views.edition_file, name="file"),
]
