"""A new account's first login lands on the welcome page instead of the usual destination.

Django's own `update_last_login` receiver of `user_logged_in` sets `last_login`: ours must run
before it to see that `last_login` was still empty, so `watch_first_logins` connects ours
first, whatever the order in which the apps became ready. The receiver only marks the request;
the middleware then turns the login view's redirect towards /bienvenue/. Nothing is stored.
"""

from urllib.parse import urlencode

from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.utils.http import url_has_allowed_host_and_scheme

WELCOME_URL = "/bienvenue/"
NEXT_PARAMETER = "suite"  # where the person was going, offered on the welcome page
_FIRST_LOGIN_ATTRIBUTE = "passerelles_first_login"


def mark_first_login(sender, request, user, **kwargs) -> None:
    if request is not None and user.last_login is None:
        setattr(request, _FIRST_LOGIN_ATTRIBUTE, True)


def watch_first_logins() -> None:
    """Connect `mark_first_login` ahead of Django's receiver that updates `last_login`."""
    reconnect = user_logged_in.disconnect(dispatch_uid="update_last_login")
    user_logged_in.connect(mark_first_login, dispatch_uid="passerelles_first_login")
    if reconnect:
        user_logged_in.connect(update_last_login, dispatch_uid="update_last_login")


def is_local(url: str, request) -> bool:
    return url.startswith("/") and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


class WelcomeAfterFirstLoginMiddleware:
    """Sends the redirect that follows a first login to the welcome page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, _FIRST_LOGIN_ATTRIBUTE, False) and response.status_code in (301, 302):
            destination = response["Location"]
            response["Location"] = WELCOME_URL
            if is_local(destination, request) and destination != WELCOME_URL:
                response["Location"] += "?" + urlencode({NEXT_PARAMETER: destination})
        return response
