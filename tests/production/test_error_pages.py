"""The error pages of production (DEBUG=0): French, self-contained, never a traceback."""

from django.db import OperationalError

from passerelles.unavailable import server_error


def render_error(rf, error: Exception):
    """What Django's handler500 answers while `error` is being handled."""
    try:
        raise error
    except Exception:
        return server_error(rf.get("/pratiques/"))


def test_an_unexpected_error_shows_the_french_500_page_and_not_the_error(rf):
    response = render_error(rf, ValueError("détail interne à ne pas montrer"))
    assert response.status_code == 500
    text = response.content.decode()
    assert '<html lang="fr">' in text
    assert "Oups, une erreur est survenue" in text
    assert "détail interne" not in text


def test_a_database_error_outside_a_view_shows_the_503_page_with_retry_after(rf):
    response = render_error(rf, OperationalError("connection to server failed"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Le site est momentanément indisponible" in response.content.decode()
    assert "connection to server" not in response.content.decode()
