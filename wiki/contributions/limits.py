"""How much one sender may send: a few contributions an hour per network address, and a
bounded request size.

The count lives in the database (`Contribution` rows), not in a per-process cache, so it
holds across server processes and restarts. Addresses are kept only as a keyed hash.
"""

from datetime import timedelta

from django.http import HttpRequest
from django.utils import timezone

from wiki.models import Contribution

MAX_PER_HOUR = 3
# Far above what the fields' own limits allow, even with every character percent-encoded.
MAX_BODY_BYTES = 256 * 1024

RATE_LIMIT_MESSAGE = (
    "Vous avez déjà partagé {count} expériences depuis cette connexion dans la dernière heure. "
    "Merci ! Pour nous protéger des envois automatiques, réessayez dans une heure : "
    "votre texte est conservé ci-dessous."
)


def recent_contributions(hashed_address: str, now=None) -> int:
    since = (now or timezone.now()) - timedelta(hours=1)
    return Contribution.objects.filter(address_hash=hashed_address, created_at__gte=since).count()


def may_contribute(hashed_address: str, now=None) -> bool:
    return recent_contributions(hashed_address, now) < MAX_PER_HOUR


def body_too_large(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True
