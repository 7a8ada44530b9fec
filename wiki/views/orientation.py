"""/se-situer/: the questionnaire and its result, with nothing written anywhere."""

from django.template.response import TemplateResponse

from wiki.orientation import orientation_context


def orientation_view(request):
    # A GET form: the answers stay in the address; no session, cookie or row is written.
    return TemplateResponse(request, "wiki/orientation.html", orientation_context(request.GET))
