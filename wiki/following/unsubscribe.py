"""The unsubscribe link of every digest: a signed token naming the person, so that one
click works without logging in, and a changed token changes nothing."""

from django.contrib.auth import get_user_model
from django.core import signing

SALT = "wiki.following.unsubscribe"


def unsubscribe_token(user) -> str:
    return signing.dumps({"user": user.pk}, salt=SALT, compress=True)


def user_from_token(token: str):
    """The person the token was made for, or None when it was altered or is unknown."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return get_user_model().objects.filter(pk=data.get("user")).first()
