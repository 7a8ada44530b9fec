"""/partager-une-experience/: the public form, and its thank-you page."""

from django.core.exceptions import NON_FIELD_ERRORS
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from wiki.contributions.forms import ContributionForm
from wiki.contributions.limits import (
    MAX_PER_HOUR,
    RATE_LIMIT_MESSAGE,
    body_too_large,
    may_contribute,
)
from wiki.contributions.notifications import notify_coordination
from wiki.contributions.proposal import propose_practice
from wiki.security.addresses import address_hash, client_address

TOO_LARGE_MESSAGE = (
    "Votre envoi est bien trop volumineux pour ce formulaire : il n'a pas été lu. "
    "Raccourcissez vos textes et envoyez à nouveau."
)


def contribution_view(request):
    if request.method != "POST":
        return render_form(request, ContributionForm())
    if body_too_large(request):
        return render_form(request, ContributionForm(), status=413, problems=[TOO_LARGE_MESSAGE])
    form = ContributionForm(request.POST)
    if not form.is_valid():
        return render_form(request, form, status=400)
    hashed_address = address_hash(client_address(request))
    if not may_contribute(hashed_address):
        form.add_error(None, RATE_LIMIT_MESSAGE.format(count=MAX_PER_HOUR))
        return render_form(request, form, status=429)
    contribution = propose_practice(form, hashed_address)
    notify_coordination(contribution)
    return redirect("contribution_thanks")


def render_form(request, form: ContributionForm, status: int = 200, problems=()):
    general_errors = [*problems, *form.errors.get(NON_FIELD_ERRORS, [])]
    error_links = form.error_links()
    context = {
        "form": form,
        "general_errors": general_errors,
        "error_links": error_links,
        "problem_count": len(general_errors) + len(error_links),
    }
    return TemplateResponse(request, "wiki/contribution_form.html", context, status=status)


def contribution_thanks_view(request):
    return TemplateResponse(request, "wiki/contribution_thanks.html")
