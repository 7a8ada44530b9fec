"""/healthz: can this application server do its work? The database, the search engine and the
media storage, as JSON for a load balancer or a monitoring probe.

HTTP 503 when the database or the storage is down (this server cannot serve or save pages);
HTTP 200 otherwise. An unreachable search cluster only makes the site "degraded": searches are
answered by the database engine meanwhile and the missed index updates are caught up by
`search_index sync`. No address, credential or error text is ever shown: details go to the log.
"""

import logging
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search import service

logger = logging.getLogger(__name__)

OK = "ok"
DEGRADED = "degraded"
DOWN = "down"


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("healthz: database unreachable: %r", error)
        return DOWN
    return OK


def search_status(database: str) -> str:
    """The configured engine: the database engine is as healthy as the database."""
    remote = service.remote_engine()
    if remote is None:
        return database
    if remote.ping():
        return OK
    logger.warning("healthz: %s unreachable, searches answered by the database", remote.name)
    return DEGRADED


def storage_status() -> str:
    """Write then delete a small file through the storage that keeps uploads and guides."""
    try:
        name = default_storage.save(f"healthz-{uuid.uuid4().hex}.tmp", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception as error:  # any backend, any failure: the probe must answer
        logger.warning("healthz: media storage not writable: %r", error)
        return DOWN
    return OK


def health_report() -> dict[str, str]:
    database = database_status()
    report = {
        "database": database,
        "search": search_status(database),
        "search_engine": settings.SEARCH_ENGINE,
        "storage": storage_status(),
    }
    if DOWN in (report["database"], report["storage"]):
        report["status"] = DOWN
    elif report["search"] != OK:
        report["status"] = DEGRADED
    else:
        report["status"] = OK
    return report


@never_cache
@require_safe
def healthz(request):
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == DOWN else 200)
