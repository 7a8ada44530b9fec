"""Following and unfollowing a practice or a theme, and what someone follows."""

from dataclasses import dataclass

from django.utils import timezone

from wiki.following.models import DigestPreference, Follow
from wiki.models import PracticePage, Theme


def target_filter(target: PracticePage | Theme) -> dict:
    if isinstance(target, Theme):
        return {"theme": target}
    return {"practice_id": target.pk}


def follow(user, target: PracticePage | Theme) -> Follow:
    """Idempotent. The first follow starts the digests' clock: news from now on."""
    DigestPreference.objects.get_or_create(user=user, defaults={"digested_until": timezone.now()})
    return Follow.objects.get_or_create(user=user, **target_filter(target))[0]


def unfollow(user, target: PracticePage | Theme) -> None:
    Follow.objects.filter(user=user, **target_filter(target)).delete()


def is_following(user, target: PracticePage | Theme) -> bool:
    if not user.is_authenticated:
        return False
    return Follow.objects.filter(user=user, **target_filter(target)).exists()


@dataclass
class Followed:
    practices: list[PracticePage]
    themes: list[Theme]


def followed_by(user) -> Followed:
    follows = Follow.objects.filter(user=user)
    return Followed(
        practices=list(PracticePage.objects.filter(follows__in=follows).order_by("title")),
        themes=list(Theme.objects.filter(follows__in=follows)),
    )
