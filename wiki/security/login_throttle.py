"""Slowing down password guessing on the sign-in page.

After MAX_FAILURES_PER_USERNAME wrong passwords for one username, or MAX_FAILURES_PER_ADDRESS
from one network address, within LOCK_MINUTES, further attempts are refused (even with the
right password) until the oldest of those failures is LOCK_MINUTES old. The address limit is
higher because a whole school or social centre may sign in from one address.
"""

import math
from datetime import datetime, timedelta

from django.http import HttpRequest
from django.utils import timezone

from wiki.security.addresses import address_hash, client_address
from wiki.security.models import FailedLogin

MAX_FAILURES_PER_USERNAME = 5
MAX_FAILURES_PER_ADDRESS = 20
LOCK_MINUTES = 15
LOCKED_MESSAGE = (
    "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est bloquée "
    "pendant encore {minutes} minute{plural}. Réessayez ensuite, ou demandez à la Coordination "
    "de vous envoyer un nouveau mot de passe."
)


def request_address(request: HttpRequest | None) -> str:
    """The address as the server sees it (the header named by CLIENT_IP_HEADER behind a
    reverse proxy), hashed with the secret key: only used to count, never displayed."""
    return address_hash(client_address(request)) if request is not None else ""


def normalise(username: str) -> str:
    return (username or "").strip().lower()[:150]


def window_start(now: datetime) -> datetime:
    return now - timedelta(minutes=LOCK_MINUTES)


def unlocks_at(username: str, address: str, now: datetime | None = None) -> datetime | None:
    """When sign-in opens again for this username or address; None if it is open now."""
    now = now or timezone.now()
    recent = FailedLogin.objects.filter(created_at__gt=window_start(now))
    ends = []
    for rows, limit in (
        (recent.filter(username=normalise(username)), MAX_FAILURES_PER_USERNAME),
        (recent.filter(address_hash=address), MAX_FAILURES_PER_ADDRESS),
    ):
        times = list(rows.order_by("-created_at").values_list("created_at", flat=True)[:limit])
        if len(times) >= limit:
            # Open again when the oldest of the last `limit` failures leaves the window.
            ends.append(times[-1] + timedelta(minutes=LOCK_MINUTES))
    return max(ends) if ends else None


def locked_message(until: datetime, now: datetime | None = None) -> str:
    minutes = max(1, math.ceil((until - (now or timezone.now())).total_seconds() / 60))
    return LOCKED_MESSAGE.format(minutes=minutes, plural="s" if minutes > 1 else "")


def record_failure(username: str, address: str) -> None:
    # Old rows are useless: the table stays small without a scheduled job.
    FailedLogin.objects.filter(created_at__lt=timezone.now() - timedelta(days=1)).delete()
    FailedLogin.objects.create(username=normalise(username), address_hash=address)


def forget_failures(username: str) -> None:
    """A successful sign-in clears the username's count (not the address's)."""
    FailedLogin.objects.filter(username=normalise(username)).delete()
