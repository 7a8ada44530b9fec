"""The practice page ("fiche pratique"): one fixed template, like a recipe.

Every section of the spec is an explicit field or an ordered inline list, so a practice
cannot lose its shape. Required sections are checked when publishing, not when saving a
draft (see `missing_required_sections` and `wiki.forms.PracticePageForm`).
"""

from django.db import models
from django.forms import CheckboxSelectMultiple
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from wiki.comments.panels import CommentableInlinePanel
from wiki.forms import PracticePageForm
from wiki.publishing import missing_required_sections
from wiki.vocabulary import SECTIONS_BY_KEY, SUMMARY_MAX_LENGTH

RICH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h3", "h4"]
INLINE_FEATURES = ["bold", "italic", "link"]


def label(key: str) -> str:
    return SECTIONS_BY_KEY[key].label


def difficulty_anchor(question: str, position: int = 0) -> str:
    """Stable anchor built from the question, so links survive reordering and import."""
    return "difficulte-" + (slugify(question)[:60].strip("-") or str(position))


class PracticePage(RoutablePageMixin, Page):
    summary = models.TextField(
        label("summary"),
        max_length=SUMMARY_MAX_LENGTH,
        help_text="Une phrase qui dit ce que la pratique apporte (300 caractères au plus).",
    )
    context = RichTextField(label("context"), features=RICH_FEATURES)
    objectives = RichTextField(label("objectives"), features=RICH_FEATURES)
    ingredients = RichTextField(
        label("ingredients"),
        blank=True,
        features=RICH_FEATURES,
        help_text="Les personnes, le temps, l'argent, le matériel.",
    )
    what_worked = RichTextField(label("what_worked"), blank=True, features=RICH_FEATURES)

    themes = ParentalManyToManyField(
        "wiki.Theme", verbose_name="thèmes", blank=True, related_name="practices"
    )
    audiences = ParentalManyToManyField(
        "wiki.Audience", verbose_name="pour qui", blank=True, related_name="practices"
    )
    stage = models.ForeignKey(
        "wiki.Stage",
        verbose_name="où en est le partenariat",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="practices",
    )
    levels = ParentalManyToManyField(
        "wiki.Level", verbose_name="niveaux", blank=True, related_name="practices"
    )
    structure = models.CharField("structure", max_length=200, blank=True)
    territory = models.CharField("territoire", max_length=200, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=CheckboxSelectMultiple),
                FieldPanel("audiences", widget=CheckboxSelectMultiple),
                FieldPanel("stage"),
                FieldPanel("levels", widget=CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("structure"), FieldPanel("territory")]),
                InlinePanel("partners", label="Partenaires"),
            ],
            heading="La fiche d'identité",
        ),
        FieldPanel("context"),
        FieldPanel("objectives"),
        FieldPanel("ingredients"),
        CommentableInlinePanel("steps", label=label("steps"), min_num=1),
        FieldPanel("what_worked"),
        CommentableInlinePanel("difficulties", label=label("difficulties"), min_num=1),
        CommentableInlinePanel("memo_items", label=label("memo"), min_num=1),
        CommentableInlinePanel("quotes", label=label("quotes")),
        CommentableInlinePanel("resources", label=label("resources")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("context"),
        index.SearchField("objectives"),
    ]

    base_form_class = PracticePageForm
    parent_page_types = ["wiki.PracticeIndexPage"]
    subpage_types: list[str] = []
    template = "wiki/practice_page.html"

    class Meta:
        verbose_name = "fiche pratique"
        verbose_name_plural = "fiches pratiques"

    def missing_required_sections(self) -> list[str]:
        """French labels of the required sections that are still empty."""
        return missing_required_sections(self)

    def get_context(self, request, *args, **kwargs):
        from wiki.rendering import practice_context

        context = super().get_context(request, *args, **kwargs)
        context.update(practice_context(self))
        return context

    @path("")
    def practice(self, request):
        return self.render(request)

    @path("historique/")
    def history(self, request):
        from wiki.history import history_context

        return self.render(
            request,
            template="wiki/practice_history.html",
            context_overrides=history_context(self, request.user),
        )

    @path("historique/comparer/")
    def compare(self, request):
        from wiki.history import compare_view

        return compare_view(self, request)

    @path("commentaires/")
    def comment(self, request):
        from wiki.comments.views import comment_view

        return comment_view(self, request)


class PracticeStep(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField("titre de l'étape", max_length=200)
    text = RichTextField("texte", blank=True, features=[*INLINE_FEATURES, "ul"])

    panels = [FieldPanel("title"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "étape"


class PracticeDifficulty(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="difficulties")
    question = models.CharField("la difficulté rencontrée", max_length=300)
    answer = RichTextField("la réponse trouvée", features=[*INLINE_FEATURES, "ul", "ol"])

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = "difficulté et réponse"

    @property
    def anchor(self) -> str:
        return difficulty_anchor(self.question, self.sort_order)


class PracticeMemoItem(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="memo_items")
    text = models.CharField("à ne pas oublier", max_length=300)

    panels = [FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "élément du mémo"


class PracticeQuote(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="quotes")
    text = models.TextField("parole")
    who = models.CharField(
        "qui l'a dit", max_length=200, blank=True, help_text="Un rôle, pas un nom : « une CPE »."
    )

    panels = [FieldPanel("text"), FieldPanel("who")]

    class Meta(Orderable.Meta):
        verbose_name = "parole d'acteur"


class PracticeResource(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="resources")
    label = models.CharField("intitulé", max_length=200)
    url = models.URLField("lien", blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="document joint",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("label"), FieldPanel("url"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = "ressource"

    @property
    def href(self) -> str:
        if self.document_id:
            return self.document.url
        return self.url


class PracticePartner(Orderable):
    page = ParentalKey(PracticePage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField("partenaire", max_length=200)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = "partenaire"
