"""The pages around the practices: home, the practice list, themes and the glossary."""

from django.db import models
from django.shortcuts import get_object_or_404
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from wiki.models.taxonomy import Theme

INTRO_FEATURES = ["bold", "italic", "link", "ul"]


class HomePage(Page):
    tagline = models.CharField("accroche", max_length=200, blank=True)
    intro = RichTextField("introduction", blank=True, features=INTRO_FEATURES)
    useful_for = RichTextField("À quoi cela peut servir", blank=True, features=INTRO_FEATURES)
    useful_for_me = RichTextField("À quoi cela peut me servir", blank=True, features=INTRO_FEATURES)
    how_i_can_help = RichTextField("À quoi je peux servir", blank=True, features=INTRO_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("useful_for"),
        FieldPanel("useful_for_me"),
        FieldPanel("how_i_can_help"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["wiki.PracticeIndexPage", "wiki.ThemeIndexPage", "wiki.GlossaryPage"]
    max_count = 1
    template = "wiki/home_page.html"

    class Meta:
        verbose_name = "page d'accueil"

    def get_context(self, request, *args, **kwargs):
        from wiki.listing import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context())
        return context


class PracticeIndexPage(RoutablePageMixin, Page):
    intro = RichTextField("introduction", blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wiki.HomePage"]
    subpage_types = ["wiki.PracticePage"]
    max_count = 1
    template = "wiki/practice_index_page.html"

    class Meta:
        verbose_name = "liste des pratiques"

    @path("")
    def listing(self, request):
        from wiki.listing import practice_list_context

        return self.render(request, context_overrides=practice_list_context(self, request))

    @path("brouillons/")
    def drafts(self, request):
        from wiki.drafts import draft_list_view

        return draft_list_view(self, request)

    @path("brouillons/<int:page_id>/")
    def draft(self, request, page_id: int):
        from wiki.drafts import draft_view

        return draft_view(self, request, page_id)


class ThemeIndexPage(RoutablePageMixin, Page):
    intro = RichTextField("introduction", blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wiki.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "wiki/theme_index_page.html"

    class Meta:
        verbose_name = "liste des thèmes"

    @path("")
    def index(self, request):
        from wiki.listing import themes_with_counts

        return self.render(request, context_overrides={"themes": themes_with_counts()})

    @path("<slug:theme_slug>/")
    def theme(self, request, theme_slug: str):
        from wiki.listing import theme_context

        theme = get_object_or_404(Theme, slug=theme_slug)
        return self.render(
            request,
            template="wiki/theme_page.html",
            context_overrides=theme_context(theme),
        )


class GlossaryPage(Page):
    intro = RichTextField("introduction", blank=True, features=INTRO_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["wiki.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    template = "wiki/glossary_page.html"

    class Meta:
        verbose_name = "glossaire"

    def get_context(self, request, *args, **kwargs):
        from wiki.listing import glossary_context

        context = super().get_context(request, *args, **kwargs)
        context.update(glossary_context(request.GET.get("cote", "")))
        return context
