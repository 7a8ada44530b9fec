"""Who counts as a member of the network (any of the five roles but the anonymous visitor)."""

from wiki.vocabulary import ROLES


def is_member(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(group.name in ROLES for group in user.groups.all())


def display_name(user) -> str:
    """How the site names a person: full name, else login; "" for nobody (a deleted account)."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
