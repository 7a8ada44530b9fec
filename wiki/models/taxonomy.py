"""Themes, stages, audiences and school levels: the facets a practice is filed under."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField

# Colours that keep white text at WCAG AA contrast (≥ 4.5:1), one per initial theme.
THEME_COLOURS = (
    ("#b3261e", "Rouge brique"),
    ("#1f5fa8", "Bleu"),
    ("#8a3c96", "Violet"),
    ("#2e7d32", "Vert"),
    ("#b34700", "Orange brûlé"),
    ("#00707a", "Bleu canard"),
    ("#a0204f", "Framboise"),
    ("#5b5b12", "Olive"),
    ("#4e4aa8", "Indigo"),
    ("#6d4c41", "Brun"),
)


class Theme(models.Model):
    slug = models.SlugField(
        "identifiant",
        max_length=80,
        unique=True,
        help_text="Identifiant stable utilisé dans les adresses et les fichiers d'échange.",
    )
    title = models.CharField("titre", max_length=150)
    introduction = RichTextField("introduction", blank=True, features=["bold", "italic", "link"])
    colour = models.CharField("couleur", max_length=7, choices=THEME_COLOURS, default="#1f5fa8")
    emoji = models.CharField(
        "pictogramme", max_length=8, blank=True, help_text="Un émoji qui illustre le thème."
    )
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("introduction"),
        FieldPanel("colour"),
        FieldPanel("emoji"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "thème"
        verbose_name_plural = "thèmes"

    def __str__(self) -> str:
        return self.title

    @property
    def short_title(self) -> str:
        """The part of the title before its colon: "Aller vers l'école"."""
        return self.title.split(" : ", 1)[0]

    @property
    def url(self) -> str:
        return f"/themes/{self.slug}/"


class Stage(models.Model):
    slug = models.SlugField("identifiant", max_length=40, unique=True)
    title = models.CharField("titre", max_length=80)
    description = models.TextField("ce que cela veut dire", blank=True)
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "étape du partenariat"
        verbose_name_plural = "étapes du partenariat"

    def __str__(self) -> str:
        return self.title


class Audience(models.Model):
    slug = models.SlugField("identifiant", max_length=20, unique=True)
    title = models.CharField("titre", max_length=80)
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "public"
        verbose_name_plural = "publics"

    def __str__(self) -> str:
        return self.title


class Level(models.Model):
    slug = models.SlugField("identifiant", max_length=20, unique=True)
    title = models.CharField("titre", max_length=80)
    sort_order = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        ordering = ["sort_order"]
        verbose_name = "niveau scolaire"
        verbose_name_plural = "niveaux scolaires"

    def __str__(self) -> str:
        return self.title
