"""Pages as anonymous visitors see them, kept in the shared cache until the content changes.

Most of the traffic is people reading practices, themes and the glossary without an account:
the same HTML for all of them. It is served from the "pages" cache (a database table, so
every worker and every application server shares it) and the whole cache is emptied when
something a visitor can see changes: a page published, unpublished, moved or deleted, the
taxonomy or the glossary, a guide edition or its files. Entries also expire on their own
(PAGE_CACHE_SECONDS), for what changes with time alone.

Never cached: signed-in people (their pages show drafts and member tools), a visitor with
pending messages, search (its own engine answers fast), the admin, forms (a page that used
the CSRF token), anything but a plain 200 HTML answer, or an answer that sets a cookie.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
EXCLUDED_PREFIXES = ("/admin/", "/django-admin/", "/recherche/", "/api/", "/healthz")
# Cookies that mean the page is not the anonymous one: a session, pending messages.
PERSONAL_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")
MAX_BYTES = 1024 * 1024
KEPT_HEADERS = ("Content-Type", "Content-Language", "Vary", "X-Frame-Options", "Cache-Control")
HIT_HEADER = "X-Page-Cache"


def cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(EXCLUDED_PREFIXES)
        and not any(name in request.COOKIES for name in PERSONAL_COOKIES)
    )


def cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and "private" not in response.get("Cache-Control", "")
        and "no-store" not in response.get("Cache-Control", "")
        # The page holds a CSRF token: it belongs to this visitor's cookie.
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and len(response.content) <= MAX_BYTES
    )


def cache_key(request: HttpRequest) -> str:
    address = f"{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


class AnonymousPageCacheMiddleware:
    """Placed before the session, CSRF and authentication middleware: a hit skips them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not cacheable_request(request):
            return self.get_response(request)
        key = cache_key(request)
        stored = self._read(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status, headers=headers)
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if cacheable_response(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            self._write(key, (response.status_code, headers, response.content))
            response[HIT_HEADER] = "miss"
        return response

    # A cache that fails (its table missing, the database busy) only means no cache.
    @staticmethod
    def _read(key: str):
        try:
            return caches[CACHE_ALIAS].get(key)
        except Exception as error:
            logger.warning("page cache unreadable: %s", error)
            return None

    @staticmethod
    def _write(key: str, value) -> None:
        try:
            caches[CACHE_ALIAS].set(key, value, settings.PAGE_CACHE_SECONDS)
        except Exception as error:
            logger.warning("page cache not written: %s", error)


def forget_pages(**kwargs) -> None:
    """Empty the cache once the change is committed: emptied before, a visitor's request
    could still read the old content and put it back for PAGE_CACHE_SECONDS."""
    if settings.PAGE_CACHE_SECONDS > 0:
        transaction.on_commit(_empty_cache)


def _empty_cache() -> None:
    try:
        caches[CACHE_ALIAS].clear()
    except Exception as error:
        logger.warning("page cache not emptied: %s", error)


def visible_models() -> tuple[type, ...]:
    """Models other than pages whose changes visitors see."""
    from wagtail.models import Site

    from wiki.guide.models import GuideBuild, GuideEdition
    from wiki.models import Audience, GlossaryTerm, Level, Stage, Theme

    return (Theme, Stage, Audience, Level, GlossaryTerm, GuideEdition, GuideBuild, Site)


def watch_visible_changes() -> None:
    """Connect the signals after which the cached pages are stale (from AppConfig.ready)."""
    from wagtail.models import Page
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(forget_pages, dispatch_uid=f"page-cache-{id(signal)}")
    for model in visible_models():
        post_save.connect(forget_pages, sender=model, dispatch_uid=f"page-cache-save-{model}")
    # Deleting a page deletes its Page row too, which sends post_delete for Page.
    for model in (Page, *visible_models()):
        post_delete.connect(forget_pages, sender=model, dispatch_uid=f"page-cache-del-{model}")
