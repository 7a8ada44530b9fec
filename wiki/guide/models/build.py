"""One build of an edition's files, with its progress as the background task reports it."""

import os
from datetime import timedelta

from django.db import models
from django.urls import reverse
from django.utils import timezone

WAIT_LIMIT = timedelta(minutes=2)


def build_directory(build: "GuideBuild", filename: str) -> str:
    return f"guide/{build.edition.slug}/{build.pk}/{filename}"


class GuideBuild(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "En attente"
        RUNNING = "running", "En cours"
        DONE = "done", "Terminée"
        FAILED = "failed", "Échouée"

    edition = models.ForeignKey(
        "guide.GuideEdition", on_delete=models.CASCADE, related_name="builds"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    step = models.CharField("étape", max_length=120, blank=True)
    pages_done = models.PositiveIntegerField(default=0)
    pages_total = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    booklet = models.FileField("livret", upload_to=build_directory, blank=True)
    imposition = models.FileField(
        "livret à imprimer soi-même", upload_to=build_directory, blank=True
    )
    poster = models.FileField("affiche", upload_to=build_directory, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = "fabrication des fichiers"
        verbose_name_plural = "fabrications des fichiers"

    def __str__(self) -> str:
        return f"{self.edition} — {self.get_status_display()}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def waiting_too_long(self) -> bool:
        """Queued for minutes: the background worker is probably not running."""
        return self.status == self.Status.QUEUED and timezone.now() - self.queued_at > WAIT_LIMIT

    @property
    def percent(self) -> int:
        if not self.pages_total:
            return 0
        return min(100, round(100 * self.pages_done / self.pages_total))

    def downloads(self) -> list[tuple[str, str, int]]:
        """The built files as (French label, download URL, size in KiB), booklet first."""
        labelled = [
            ("Le livret", self.booklet),
            ("Le livret à imprimer soi-même (A4 recto verso, à plier)", self.imposition),
            ("L'affiche (A2, s'imprime aussi en A3 ou A4)", self.poster),
        ]
        return [
            (
                label,
                reverse("guide:file", args=[self.edition.slug, os.path.basename(file.name)]),
                file.size // 1024 if file.storage.exists(file.name) else 0,
            )
            for label, file in labelled
            if file
        ]

    def file_named(self, name: str):
        for file in (self.booklet, self.imposition, self.poster):
            if file and os.path.basename(file.name) == name:
                return file
        return None
