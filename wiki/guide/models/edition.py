"""A guide edition: what the Coordination curates, and what publishing freezes."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from wiki.guide.blocks import INTRODUCTION_FEATURES, ChaptersBlock

PAGE_SIZE_CHOICES = [("A5", "A5 (14,8 × 21 cm, par défaut)"), ("A6", "A6 (10,5 × 14,8 cm)")]
GLOSSARY_CHOICES = [
    ("all", "Tous les termes du glossaire"),
    ("used", "Seulement les termes employés dans les pratiques du livret"),
]


class GuideEdition(index.Indexed, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "En préparation"
        PUBLISHED = "published", "Publiée"

    title = models.CharField("titre", max_length=150, default="Passerelles")
    subtitle = models.CharField(
        "sous-titre",
        max_length=200,
        blank=True,
        default="Centres sociaux et écoles : le guide des pratiques qui marchent",
    )
    slug = models.SlugField(
        "identifiant dans l'adresse",
        max_length=80,
        unique=True,
        blank=True,
        help_text="L'édition en ligne sera à /guide/<identifiant>/. Laissé vide : tiré du titre.",
    )
    edition_label = models.CharField(
        "nom de l'édition", max_length=80, help_text="Par exemple « Édition 2026 »."
    )
    edition_date = models.DateField("date de l'édition")
    purpose = RichTextField("À quoi sert ce livret", features=INTRODUCTION_FEATURES)
    how_to_use = RichTextField("Comment l'utiliser", features=INTRODUCTION_FEATURES)
    chapters = StreamField(ChaptersBlock(), verbose_name="chapitres, dans l'ordre")
    glossary_scope = models.CharField(
        "glossaire", max_length=10, choices=GLOSSARY_CHOICES, default="used"
    )
    note_pages = models.PositiveSmallIntegerField(
        "pages « Mes notes »",
        default=2,
        validators=[MaxValueValidator(8)],
        help_text="Après chaque chapitre, et autant à la fin du livret (de 0 à 8).",
    )
    page_size = models.CharField("format", max_length=2, choices=PAGE_SIZE_CHOICES, default="A5")
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="image de couverture",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    status = models.CharField(
        "état", max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    published_at = models.DateTimeField("publiée le", null=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="publiée par",
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The frozen edition (wiki.guide.snapshot): chapters, practices as they were at their pinned
    # revision, glossary. Written once, when the edition is published; files and the online
    # edition are made from it, so later edits of a practice never change this edition.
    frozen_content = models.JSONField("contenu figé", null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("title"),
                FieldPanel("subtitle"),
                FieldRowPanel([FieldPanel("edition_label"), FieldPanel("edition_date")]),
                FieldPanel("slug"),
                FieldPanel("cover_image"),
            ],
            heading="L'édition",
        ),
        FieldPanel("purpose"),
        FieldPanel("how_to_use"),
        FieldPanel("chapters"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("page_size"), FieldPanel("note_pages")]),
                FieldPanel("glossary_scope"),
            ],
            heading="Mise en page",
        ),
    ]

    search_fields = [index.SearchField("title"), index.SearchField("edition_label")]

    class Meta:
        ordering = ["-edition_date", "-pk"]
        verbose_name = "édition du guide"
        verbose_name_plural = "éditions du guide"
        permissions = [("publish_guideedition", "Peut publier une édition du guide")]

    def __str__(self) -> str:
        return f"{self.title} — {self.edition_label}"

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(f"{self.title} {self.edition_label}")[:80] or "edition"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("guide:edition", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def latest_build(self):
        return self.builds.order_by("-pk").first()

    def latest_finished_build(self):
        return self.builds.filter(status="done").order_by("-pk").first()

    def previous_edition(self):
        """The published edition that came before this one (by date, then publication)."""
        return (
            GuideEdition.objects.filter(status=self.Status.PUBLISHED)
            .exclude(pk=self.pk)
            .filter(
                models.Q(edition_date__lt=self.edition_date)
                | models.Q(edition_date=self.edition_date, published_at__lt=self.published_at)
            )
            .order_by("-edition_date", "-published_at")
            .first()
        )
