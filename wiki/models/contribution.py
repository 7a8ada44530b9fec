"""A practice shared by a visitor through the public form "Partager une expérience".

The page itself is an ordinary draft practice; this row keeps what must never be published:
who to write back to, and a keyed hash of the sender's network address, which is all the
form's rate limit needs (the address itself is not stored).
"""

from django.db import models


class Contribution(models.Model):
    page = models.ForeignKey(
        "wiki.PracticePage",
        verbose_name="fiche proposée",
        null=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    contributor_name = models.CharField("nom de la personne", max_length=120)
    contributor_email = models.EmailField("adresse électronique de la personne")
    address_hash = models.CharField("empreinte de l'adresse réseau", max_length=64)
    created_at = models.DateTimeField("reçue le", auto_now_add=True)

    class Meta:
        verbose_name = "expérience partagée"
        verbose_name_plural = "expériences partagées"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["address_hash", "created_at"])]

    def __str__(self) -> str:
        return f"{self.contributor_name} — {self.created_at:%d/%m/%Y}"
