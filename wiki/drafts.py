"""Drafts read from the front end by members ("read everything inside"), never by visitors."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse

from wiki.members import is_member
from wiki.models import PracticePage


def require_member(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not is_member(request.user):
        raise PermissionDenied("Réservé aux membres du réseau.")
    return None


def draft_list_view(index_page, request):
    refused = require_member(request)
    if refused:
        return refused
    drafts = (
        PracticePage.objects.child_of(index_page)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .select_related("latest_revision__user")
        .order_by("-latest_revision_created_at")
    )
    return TemplateResponse(request, "wiki/draft_list.html", {"page": index_page, "drafts": drafts})


def draft_view(index_page, request, page_id: int):
    refused = require_member(request)
    if refused:
        return refused
    page = get_object_or_404(PracticePage.objects.child_of(index_page), pk=page_id)
    draft = page.get_latest_revision_as_object()
    # The page's own context (sections, tooltips, facts), as its public view builds it.
    context = {**draft.get_context(request), "is_draft_preview": True}
    return TemplateResponse(request, draft.template, context)
