"""URLs: the Wagtail admin, documents, then every page served by Wagtail."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from passerelles.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("search.urls")),
    path("", include("wiki.urls")),
    path("", include("wiki.guide.urls")),
    path("", include("wiki.meetings.urls")),
    path("", include("wiki.following.urls")),
    path("", include("wiki.security.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
elif settings.SERVE_MEDIA:
    # A single machine without a reverse proxy (`make serve`); a proxy serves /media/ better.
    from django.urls import re_path
    from django.views.static import serve

    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [
        re_path(rf"^{media_prefix}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Never a traceback: a French 503 page when the database is unreachable, else the 500 page.
handler500 = "passerelles.unavailable.server_error"

urlpatterns += [path("", include(wagtail_urls))]
