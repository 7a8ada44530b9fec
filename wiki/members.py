"""Who counts as a member of the network (any of the five roles but the anonymous visitor)."""

from wiki.vocabulary import ROLES


def is_member(user) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(group.name in ROLES for group in user.groups.all())
