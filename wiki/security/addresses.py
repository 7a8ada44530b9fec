"""Who is asking, as far as limits need to know: the network address of a request, and its
keyed hash (stored to count sendings and sign-in failures, never the address itself)."""

import hashlib
import hmac

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The sender's address: REMOTE_ADDR, or the header a reverse proxy sets when the
    CLIENT_IP_HEADER setting names it (e.g. HTTP_X_REAL_IP)."""
    header = getattr(settings, "CLIENT_IP_HEADER", "REMOTE_ADDR")
    value = request.META.get(header) or request.META.get("REMOTE_ADDR") or ""
    return value.split(",")[0].strip()


def address_hash(address: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256).hexdigest()
