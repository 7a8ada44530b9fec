"""`{% follow_button practice_or_theme %}`: the "Suivre" / "Ne plus suivre" form for members."""

from django import template
from django.urls import reverse

from wiki.following.follows import is_following
from wiki.members import is_member
from wiki.models import Theme

register = template.Library()


@register.inclusion_tag("following/follow_button.html", takes_context=True)
def follow_button(context, target, compact: bool = False, following: bool | None = None) -> dict:
    """`compact`: only the button, named after its target (for lists of follows).

    `following`: already known by the caller (a list of follows), saving a query per target.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not is_member(user):
        return {"shown": False}
    if isinstance(target, Theme):
        action_url = reverse("following:follow_theme", args=(target.slug,))
        what = "ce thème"
    else:
        action_url = reverse("following:follow_practice", args=(target.pk,))
        what = "cette pratique"
    return {
        "shown": True,
        "csrf_token": context.get("csrf_token"),
        "action_url": action_url,
        "next": request.get_full_path(),
        "following": is_following(user, target) if following is None else following,
        "what": what,
        "compact": compact,
        "title": str(getattr(target, "title", target)),
    }
