"""Follow buttons, the page /mes-suivis/ and the digests' unsubscribe link."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wiki.following.follows import follow, followed_by, unfollow
from wiki.following.forms import RhythmForm
from wiki.following.models import DigestPreference, Rhythm
from wiki.following.unsubscribe import user_from_token
from wiki.members import is_member
from wiki.models import PracticePage, Theme

FOLLOW = "suivre"
UNFOLLOW = "ne-plus-suivre"


def safe_next(request, default: str) -> str:
    wanted = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, {request.get_host()}, request.is_secure()):
        return wanted
    return default


def change_follow(request, target, target_url: str):
    if not request.user.is_authenticated:
        return redirect_to_login(target_url)
    if not is_member(request.user):
        raise PermissionDenied("Réservé aux membres du réseau.")
    if request.POST.get("action") == UNFOLLOW:
        unfollow(request.user, target)
    else:
        follow(request.user, target)
    return HttpResponseRedirect(safe_next(request, target_url))


@require_POST
def follow_practice_view(request, page_id: int):
    practice = get_object_or_404(PracticePage, pk=page_id)
    return change_follow(request, practice, practice.url or "/pratiques/")


@require_POST
def follow_theme_view(request, slug: str):
    theme = get_object_or_404(Theme, slug=slug)
    return change_follow(request, theme, theme.url)


def my_follows_view(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    preference = DigestPreference.objects.filter(user=request.user).first()
    preference = preference or DigestPreference(user=request.user)
    form = RhythmForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect(f"{request.path}?enregistre=1")
    context = {
        "followed": followed_by(request.user),
        "form": form,
        "saved": request.GET.get("enregistre") == "1",
    }
    return TemplateResponse(request, "following/my_follows.html", context)


@csrf_exempt  # the signed token is the proof; mail programs post without a CSRF cookie
def unsubscribe_view(request, token: str):
    user = user_from_token(token)
    if user is None:
        return TemplateResponse(request, "following/unsubscribe_invalid.html", status=400)
    DigestPreference.objects.update_or_create(user=user, defaults={"rhythm": Rhythm.OFF})
    return TemplateResponse(request, "following/unsubscribed.html")
