"""Addresses for places outside a request (emails, the exchange format, printed QR codes):
the site's base URL (`BASE_URL`, in WAGTAILADMIN_BASE_URL) in front of a site path."""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`/pratiques/x/` → `https://site.example/pratiques/x/` ("" gives the site's address)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
