"""One settings module for every setup: values come from the environment, with defaults
that work on a fresh machine (SQLite in the project, local media, the database search).

`DEBUG=0` is the production configuration: it refuses to start without a real
`SECRET_KEY` and `ALLOWED_HOSTS`.
"""

import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .email_url import parse_email_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY") or DEV_SECRET_KEY
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])

# Origins (scheme://host) trusted for form posts, when a proxy in front changes the host.
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

if not DEBUG:
    if SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 40:
        raise ImproperlyConfigured("DEBUG=0 needs a real SECRET_KEY (at least 40 characters).")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DEBUG=0 needs ALLOWED_HOSTS (comma-separated host names).")

INSTALLED_APPS = [
    "wiki",
    "wiki.guide",
    "wiki.meetings",
    "wiki.following",
    "wiki.security",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "passerelles.unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "passerelles.page_cache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wiki.first_login.WelcomeAfterFirstLoginMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "passerelles.urls"
WSGI_APPLICATION = "passerelles.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wiki.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several readers and one writer at a time without "database is locked" errors.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # The test database is a file (in memory-backed /dev/shm when there is one), not SQLite's
    # private in-memory database: the guide's build runs in a child process that must see it.
    shared_memory = Path("/dev/shm")
    DATABASES["default"]["TEST"] = {
        "NAME": str(
            (shared_memory if shared_memory.is_dir() else Path(tempfile.gettempdir()))
            / f"passerelles-test-{os.getpid()}.sqlite3"
        )
    }
else:
    # A persistent connection broken by a database restart is tested and replaced at the start
    # of the next request, and an unreachable server fails in seconds instead of holding a
    # worker until the application server kills it.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

WAGTAILADMIN_PERMITTED_LANGUAGES = [("fr", "Français")]
WAGTAIL_CONTENT_LANGUAGES = [("fr", "Français")]
WAGTAIL_SITE_NAME = "Passerelles"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "ods", "odp", "docx", "xlsx", "pptx", "txt", "csv"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Documents go through Wagtail's view (collection privacy, and its "no embedded content"
# header); only PDFs open in the browser, everything else is downloaded, never shown inline.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

LOGIN_URL = "wagtailadmin_login"
# Sign-in refused for a while after repeated wrong passwords (wiki/security/login_throttle.py).
WAGTAILADMIN_USER_LOGIN_FORM = "wiki.security.forms.ThrottledLoginForm"
# Private pages send visitors to that same (throttled, French) sign-in page.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "/"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
# In production the reverse proxy serves MEDIA_ROOT at /media/; SERVE_MEDIA=1 lets Django do it
# on a single machine without one (`make serve`).
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "SAMEORIGIN"
# Wagtail's admin shows the page being edited in a frame of the site itself (preview), which
# DENY would blank: SAMEORIGIN is deliberate, so the deploy check's advice is silenced.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", True)
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe each application server directly, over plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Thematic search: "database" (SQLite FTS5 or PostgreSQL full text, the default) or an
# Elasticsearch-family cluster ("elasticsearch" for Elasticsearch 8/9, "opensearch" for
# OpenSearch 2/3) at SEARCH_URL. The database engine is always kept up to date: it answers
# when the cluster is down or slower than SEARCH_TIMEOUT seconds.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "database").strip().lower()
SEARCH_URL = os.environ.get("SEARCH_URL", "http://127.0.0.1:9200")
SEARCH_INDEX = os.environ.get("SEARCH_INDEX", "passerelles-practices")
SEARCH_TIMEOUT = float(os.environ.get("SEARCH_TIMEOUT", "2.0"))
if SEARCH_ENGINE not in ("database", "elasticsearch", "opensearch"):
    raise ImproperlyConfigured(
        f"SEARCH_ENGINE={SEARCH_ENGINE!r}: use database, elasticsearch or opensearch."
    )

# Background work (building a guide edition): django-tasks, with its database backend and a
# worker (`manage.py db_worker`, started by `make run`). Wagtail's own small tasks stay on the
# immediate backend; only the queue named "guide" goes through the database.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["guide"]},
}

# Pages as anonymous visitors see them are kept in a database table (shared by every worker
# and application server) until something visible changes: see passerelles/page_cache.py.
# PAGE_CACHE_SECONDS bounds how long an entry lives; 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "passerelles_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}

# Email (workflow notifications, contributions, digests): EMAIL_URL says how mail leaves,
# e.g. smtp://user:password@host:587/?tls=True or smtps://…; by default messages are printed
# to the console. See email_url.py for every form (lower case: not a setting, never displayed).
email_config = parse_email_url(os.environ.get("EMAIL_URL"))
EMAIL_BACKEND = email_config.backend
EMAIL_HOST = email_config.host
EMAIL_PORT = email_config.port
EMAIL_HOST_USER = email_config.user
EMAIL_HOST_PASSWORD = email_config.password
EMAIL_USE_TLS = email_config.use_tls
EMAIL_USE_SSL = email_config.use_ssl
EMAIL_TIMEOUT = email_config.timeout
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL") or "Passerelles <passerelles@localhost>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Reviewers comment on the fields of a practice in the admin (Wagtail's default, made explicit).
WAGTAILADMIN_COMMENTS_ENABLED = True

# Behind a reverse proxy, the request header that holds the visitor's address (e.g.
# HTTP_X_REAL_IP, as set by the proxy): the public contribution form limits sendings per address.
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "REMOTE_ADDR")
