"""Failed sign-ins, kept a short while so that guessing passwords is slowed down.

Rows in the database, not a per-process cache: every server process (gunicorn workers) and
every restart see the same count, with no extra table to create by hand.
"""

from django.db import models


class FailedLogin(models.Model):
    # Lower-cased as typed: "Camille" and "camille" are the same account to the throttle.
    username = models.CharField("identifiant saisi", max_length=150, db_index=True)
    # A keyed hash of the network address, never the address itself.
    address_hash = models.CharField("adresse (empreinte)", max_length=64, db_index=True)
    created_at = models.DateTimeField("le", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "connexion refusée"
        verbose_name_plural = "connexions refusées"

    def __str__(self) -> str:
        return f"{self.username} ({self.created_at:%d/%m/%Y %H:%M})"
