"""What a member follows (a practice or a theme) and how often they want to hear about it."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Follow(models.Model):
    """One followed practice or one followed theme (exactly one of the two)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="personne",
        on_delete=models.CASCADE,
        related_name="follows",
    )
    practice = models.ForeignKey(
        "wiki.PracticePage",
        verbose_name="fiche pratique",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    theme = models.ForeignKey(
        "wiki.Theme",
        verbose_name="thème",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField("suivi depuis", auto_now_add=True)

    class Meta:
        verbose_name = "suivi"
        verbose_name_plural = "suivis"
        constraints = [
            models.CheckConstraint(
                condition=Q(practice__isnull=False, theme__isnull=True)
                | Q(practice__isnull=True, theme__isnull=False),
                name="follow_practice_or_theme",
            ),
            models.UniqueConstraint(
                fields=["user", "practice"],
                condition=Q(practice__isnull=False),
                name="follow_practice_once",
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=Q(theme__isnull=False), name="follow_theme_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} suit {self.practice or self.theme}"


class Rhythm(models.TextChoices):
    WEEKLY = "weekly", "Chaque semaine"
    BEFORE_MEETING = "before-meeting", "La veille de chaque rencontre"
    OFF = "off", "Jamais : je regarde moi-même"


class DigestPreference(models.Model):
    """A member's rhythm, and how far their digests have gone: the next one covers what
    changed after `digested_until`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="personne",
        on_delete=models.CASCADE,
        related_name="digest_preference",
    )
    rhythm = models.CharField(
        "recevoir les nouvelles", max_length=20, choices=Rhythm.choices, default=Rhythm.WEEKLY
    )
    digested_until = models.DateTimeField("nouvelles vues jusqu'au", null=True, blank=True)
    last_sent_at = models.DateTimeField("dernier courriel le", null=True, blank=True)

    class Meta:
        verbose_name = "rythme des nouvelles"
        verbose_name_plural = "rythmes des nouvelles"

    def __str__(self) -> str:
        return f"{self.user} : {self.get_rhythm_display()}"
