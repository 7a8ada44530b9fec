"""The guide in the admin: editions as snippets for the Coordination, with a page per
edition to publish it and follow its files."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.functional import cached_property
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, SnippetViewSet

from wiki.guide.admin_views import (
    EditionStatusView,
    PublishEditionView,
    RebuildEditionView,
    edition_admin_url,
)
from wiki.guide.models import GuideEdition


class FrozenEditionEditView(EditView):
    """A published edition is frozen: its page shows it instead of a form."""

    def dispatch(self, request, *args, **kwargs):
        edition = GuideEdition.objects.filter(pk=kwargs.get("pk")).first()
        if edition and edition.is_published:
            messages.info(
                request,
                "Cette édition est publiée : elle est figée. Pour la suivante, copiez-la.",
            )
            return redirect(edition_admin_url("status", edition))
        return super().dispatch(request, *args, **kwargs)

    def get_success_url(self):
        return edition_admin_url("status", self.object)

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                "Publier, fichiers et suivi",
                url=edition_admin_url("status", self.object),
                icon_name="upload",
            ),
        ]


class GuideEditionViewSet(SnippetViewSet):
    model = GuideEdition
    icon = "doc-full-inverse"
    menu_label = "Guide"
    menu_name = "guide"
    menu_order = 250
    add_to_admin_menu = True
    admin_url_namespace = "guide_editions"
    base_url_path = "guide/editions"
    edit_view_class = FrozenEditionEditView
    list_display = [
        "__str__",
        Column("edition_date", label="Date"),
        Column("status", label="État", accessor="get_status_display"),
    ]
    ordering = ["-edition_date", "-pk"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("follow/<int:pk>/", EditionStatusView.as_view(), name="status"),
            path("publish/<int:pk>/", PublishEditionView.as_view(), name="publish"),
            path("rebuild/<int:pk>/", RebuildEditionView.as_view(), name="rebuild"),
        ]


register_snippet(GuideEditionViewSet)
