"""The production configuration, from the environment only, passes Django's deployment checks."""

import importlib.util

from tests.production.processes import manage, manage_or_fail, production_env

PRODUCTION = {
    "ALLOWED_HOSTS": "passerelles.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://passerelles.example.org",
    "SEARCH_ENGINE": "opensearch",
    "SEARCH_URL": "https://search.example.org:9200",
    "EMAIL_URL": "smtp://passerelles:mot-de-passe@smtp.example.org:587/?tls=True",
    # Behind the TLS proxy, as deployed: HTTPS redirect and HTTPS-only cookies are on.
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_COOKIES": "1",
}


def production_database_url(tmp_path) -> str:
    """PostgreSQL as deployed, when its driver (the `postgres` extra) is installed."""
    if importlib.util.find_spec("psycopg"):
        return "postgres://passerelles:mot-de-passe@db.example.org:5432/passerelles"
    return f"sqlite:///{tmp_path / 'passerelles.sqlite3'}"


def test_the_production_configuration_passes_the_deploy_check_without_a_warning(tmp_path):
    env = production_env(
        **PRODUCTION,
        DATABASE_URL=production_database_url(tmp_path),
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    done = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


def test_debug_off_refuses_to_start_with_a_short_secret_key(tmp_path):
    env = production_env(
        **PRODUCTION, DATABASE_URL=production_database_url(tmp_path), SECRET_KEY="trop-court"
    )
    done = manage("check", env=env)
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_https_redirects_spare_the_health_probe_of_the_load_balancer(tmp_path):
    env = production_env(
        **{
            **PRODUCTION,
            "SEARCH_ENGINE": "database",
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'vide.sqlite3'}",
            "MEDIA_ROOT": str(tmp_path / "media"),
        }
    )
    probe = (
        "from django.test import Client; client = Client(); "
        "print(client.get('/healthz').status_code, client.get('/pratiques/')['Location'])"
    )
    answers = manage_or_fail("shell", "--verbosity", "0", "-c", probe, env=env)
    assert answers.split() == ["200", "https://testserver/pratiques/"]
