"""Admin integration: themes and glossary as snippets, and who may delete a practice."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from wiki.models import GlossaryTerm, Theme
from wiki.vocabulary import ROLE_COORDINATION


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thèmes"
    menu_order = 200
    add_to_admin_menu = True
    list_display = ["title", "slug", "sort_order"]
    ordering = ["sort_order"]


class GlossaryTermViewSet(SnippetViewSet):
    model = GlossaryTerm
    icon = "help"
    menu_label = "Glossaire"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["term", "expansion", "side"]
    list_filter = ["side"]
    search_fields = ["term", "expansion", "synonyms"]


register_snippet(ThemeViewSet)
register_snippet(GlossaryTermViewSet)


def may_delete_pages(user) -> bool:
    return user.is_superuser or user.groups.filter(name=ROLE_COORDINATION).exists()


@hooks.register("before_delete_page")
def only_coordination_deletes(request, page):
    """Nothing saved is lost by mistake: only the Coordination deletes pages."""
    if not may_delete_pages(request.user):
        messages.error(request, "Seule la Coordination peut supprimer une page.")
        raise PermissionDenied("Seule la Coordination peut supprimer une page.")
