"""/bienvenue/: the page for newcomers, also where a first login lands."""

from django.template.response import TemplateResponse

from wiki.first_login import NEXT_PARAMETER, is_local
from wiki.welcome import welcome_context


def welcome_view(request):
    going_to = request.GET.get(NEXT_PARAMETER, "")
    context = {
        **welcome_context(request),
        "going_to": going_to if is_local(going_to, request) else "",
    }
    return TemplateResponse(request, "wiki/welcome.html", context)
