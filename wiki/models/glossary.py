"""Glossary terms from both vocabularies (school and social centre)."""

from html import unescape

from django.db import models
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from wiki.vocabulary import GLOSSARY_SIDES


class GlossaryTerm(index.Indexed, models.Model):
    term = models.CharField("terme", max_length=80, unique=True)
    slug = models.SlugField("identifiant", max_length=80, unique=True, blank=True)
    expansion = models.CharField(
        "forme développée", max_length=200, blank=True, help_text="Pour un sigle : REP → Réseau…"
    )
    definition = RichTextField("définition", features=["bold", "italic", "link", "ul"])
    side = models.CharField("vocabulaire de", max_length=10, choices=GLOSSARY_SIDES)
    synonyms = models.TextField(
        "autres façons de le dire",
        blank=True,
        help_text="Une par ligne. Servent à la recherche.",
    )
    # When the term entered the glossary and when it last changed: "what's new since the last
    # meeting" lists the terms added in between.
    created_at = models.DateTimeField("ajouté le", auto_now_add=True, null=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True, null=True)

    panels = [
        FieldPanel("term"),
        FieldPanel("expansion"),
        FieldPanel("definition"),
        FieldPanel("side"),
        FieldPanel("synonyms"),
    ]

    search_fields = [
        index.SearchField("term"),
        index.SearchField("expansion"),
        index.SearchField("synonyms"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]
        verbose_name = "terme du glossaire"
        verbose_name_plural = "glossaire"

    def __str__(self) -> str:
        return self.term

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.term.replace("+", " plus")) or "terme"
        super().save(*args, **kwargs)

    @property
    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    @property
    def anchor(self) -> str:
        return f"terme-{self.slug}"

    @property
    def plain_definition(self) -> str:
        # Text, not HTML: "l&#x27;État" in the stored rich text reads "l'État" (templates and
        # format_html escape it again when they show it).
        return unescape(strip_tags(self.definition)).strip()

    @property
    def short_definition(self) -> str:
        return Truncator(self.plain_definition).chars(220)
