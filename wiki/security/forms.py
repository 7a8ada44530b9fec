"""The admin's sign-in form, with the throttle of `login_throttle` in front of the password check.

Wagtail uses it through the WAGTAILADMIN_USER_LOGIN_FORM setting.
"""

from django import forms
from wagtail.admin.forms.auth import LoginForm

from wiki.security.login_throttle import (
    forget_failures,
    locked_message,
    record_failure,
    request_address,
    unlocks_at,
)


class ThrottledLoginForm(LoginForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Wagtail's form leaves this label to Django's default, the English "Password".
        self.fields["password"].label = "Mot de passe"

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        address = request_address(self.request)
        until = unlocks_at(username, address)
        if until is not None:
            # Refused before the password is even checked: a right guess tells nothing.
            raise forms.ValidationError(locked_message(until), code="throttled")
        try:
            cleaned = super().clean()
        except forms.ValidationError as error:
            if self.cleaned_data.get("password"):  # an empty form is not a guess
                record_failure(username, address)
            raise error
        forget_failures(username)
        return cleaned
