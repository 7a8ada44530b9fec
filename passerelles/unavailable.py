"""What a visitor sees when the site cannot answer: a French 503 page while the database is
unreachable, the French 500 page otherwise — never a traceback.

Both pages are rendered from plain templates without a request, so no context processor
runs: nothing on the way to them queries the database that has just failed.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger(__name__)

# Seconds a client (or a proxy) should wait before trying again.
RETRY_AFTER_SECONDS = 30
DATABASE_ERRORS = (OperationalError, InterfaceError)


def database_unavailable_response() -> HttpResponse:
    response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 when a view fails because the database cannot be reached.

    Django discards the broken connection at the end of the request (its error flag is set),
    so the first request after the database is back gets a fresh one: no restart needed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            # Usually an outage: one line per request rather than a traceback, with the
            # database's own words (SQLite also says "no such table" this way).
            logger.error(
                "database unavailable (%s %s): %s: %s",
                request.method,
                request.path,
                type(exception).__name__,
                exception,
            )
            return database_unavailable_response()
        return None


def server_error(request, template_name: str = "500.html") -> HttpResponse:
    """handler500: errors outside views too (a session saved after the response was built)."""
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_ERRORS):
        return database_unavailable_response()
    return HttpResponseServerError(loader.get_template(template_name).render())
