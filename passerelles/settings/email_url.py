"""How mail leaves the site, from one `EMAIL_URL`, the way `DATABASE_URL` names the database.

    smtp://user:password@host:587/?tls=True    SMTP with STARTTLS (user and password optional)
    smtps://user:password@host:465/            SMTP over SSL
    console:                                   print messages (the default)
    locmem:                                    keep them in memory (tests)
    dummy:                                     drop them

User names and passwords are percent-decoded, so `@` or `:` in a password are written `%40`, `%3A`.
"""

from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
BACKENDS_WITHOUT_SERVER = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
}
DEFAULT_PORTS = {"smtp": 25, "smtps": 465}
TRUE_VALUES = ("1", "true", "yes", "on")


@dataclass(frozen=True)
class EmailConfig:
    backend: str
    host: str = "localhost"
    port: int = 25
    user: str = ""
    password: str = field(default="", repr=False)  # never in a debug page or a log
    use_tls: bool = False
    use_ssl: bool = False
    timeout: int = 10


def parse_email_url(url: str | None) -> EmailConfig:
    """The email settings an URL describes; an empty URL prints messages to the console."""
    url = (url or "").strip() or "console:"
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme in BACKENDS_WITHOUT_SERVER:
        return EmailConfig(backend=BACKENDS_WITHOUT_SERVER[scheme])
    if scheme not in DEFAULT_PORTS:
        accepted = ", ".join([*DEFAULT_PORTS, *BACKENDS_WITHOUT_SERVER])
        raise ImproperlyConfigured(
            f"EMAIL_URL: unknown scheme {scheme or '(none)'!r}; use one of {accepted} "
            "(for example smtp://user:password@host:587/?tls=True)."
        )
    if not parts.hostname:
        raise ImproperlyConfigured(f"EMAIL_URL: no host name in {scheme}:// address.")
    try:
        port = parts.port or DEFAULT_PORTS[scheme]
    except ValueError as error:
        raise ImproperlyConfigured(f"EMAIL_URL: {error}.") from error
    options = {key.lower(): values[-1].lower() for key, values in parse_qs(parts.query).items()}
    use_tls = options.get("tls", "") in TRUE_VALUES
    use_ssl = scheme == "smtps" or options.get("ssl", "") in TRUE_VALUES
    if use_tls and use_ssl:
        raise ImproperlyConfigured(
            "EMAIL_URL: choose STARTTLS (smtp://…?tls=True) or SSL (smtps://), not both."
        )
    if not options.get("timeout", "10").isdigit():
        raise ImproperlyConfigured("EMAIL_URL: timeout must be a number of seconds.")
    return EmailConfig(
        backend=SMTP_BACKEND,
        host=parts.hostname,
        port=port,
        user=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_tls=use_tls,
        use_ssl=use_ssl,
        timeout=int(options.get("timeout", "10")),
    )
