"""EMAIL_URL: one address says how mail leaves the site, with a clear error when it cannot."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from passerelles.settings.email_url import parse_email_url


def test_without_an_address_messages_are_printed_to_the_console():
    assert parse_email_url(None).backend == "django.core.mail.backends.console.EmailBackend"
    assert parse_email_url("").backend == "django.core.mail.backends.console.EmailBackend"


def test_an_smtp_address_with_starttls():
    config = parse_email_url("smtp://lea:mot%40passe@mail.example.org:587/?tls=True")
    assert config.backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (config.host, config.port, config.user) == ("mail.example.org", 587, "lea")
    assert config.password == "mot@passe"
    assert config.use_tls and not config.use_ssl


def test_an_smtps_address_uses_ssl_on_port_465_by_default():
    config = parse_email_url("smtps://mail.example.org")
    assert (config.port, config.use_ssl, config.use_tls) == (465, True, False)


def test_the_password_never_shows_in_the_settings_representation():
    assert "secret" not in repr(parse_email_url("smtp://lea:secret@mail.example.org"))


def test_memory_for_tests():
    assert parse_email_url("locmem:").backend == "django.core.mail.backends.locmem.EmailBackend"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("imap://mail.example.org", "unknown scheme 'imap'"),
        ("smtp://", "no host name"),
        ("smtp://mail.example.org:notaport", "Port"),
        ("smtp://mail.example.org/?tls=1&ssl=1", "not both"),
    ],
)
def test_a_wrong_address_is_refused_with_the_reason(url, reason):
    with pytest.raises(ImproperlyConfigured, match=reason):
        parse_email_url(url)
