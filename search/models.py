"""What the database engine stores (the embedded engine, and the fallback of every other):
one entry per public practice, its facet values, and the updates another engine missed.

The full-text part lives in a table created by migration 0002 for the database vendor:
an FTS5 virtual table on SQLite, tsvector columns on PostgreSQL.
"""

from django.db import models


class SearchEntry(models.Model):
    page_id = models.BigIntegerField(primary_key=True)
    title = models.CharField(max_length=255)
    folded_title = models.CharField(max_length=255, db_index=True)
    document = models.JSONField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "fiche indexée"
        verbose_name_plural = "fiches indexées"

    def __str__(self) -> str:
        return self.title


class SearchFacet(models.Model):
    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="facets")
    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=80)

    class Meta:
        indexes = [models.Index(fields=["facet", "value"])]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class MissedUpdate(models.Model):
    """An update the search engine could not take (down or too slow): `sync` replays it."""

    engine = models.CharField(max_length=20)
    page_id = models.BigIntegerField(null=True, blank=True)  # None: synonyms
    action = models.CharField(max_length=20)  # "index", "delete", "synonyms"
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.engine} {self.action} {self.page_id}"


class EngineState(models.Model):
    """Shared state of the database engine, seen by every process: the index's version
    (bumped on every write, so per-process caches such as the vocabulary reload) and the
    synonym groups generated from the glossary."""

    name = models.CharField(max_length=40, unique=True)
    version = models.BigIntegerField(default=0)
    payload = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"
