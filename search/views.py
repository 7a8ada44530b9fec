"""The search page, the JSON search API and the suggestions while typing."""

from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from search import service
from search.analysis import analyse
from search.base import SearchResults
from search.params import FACET_PARAMS, parse_search_params
from search.suggestions import suggest
from wiki.models import Audience, Level, Stage, Theme

DEGRADED_NOTICE = (
    "Le moteur de recherche ne répond pas : ces résultats viennent de la recherche de secours "
    "et peuvent être moins précis."
)


def difficulty_url(hit) -> str | None:
    return f"{hit.url}#{hit.difficulty.anchor}" if hit.difficulty else None


def results_as_json(results: SearchResults) -> dict:
    return {
        "query": results.query.text,
        "engine": results.engine,
        "degraded": results.degraded,
        "notice": DEGRADED_NOTICE if results.degraded else None,
        "total": results.total,
        "page": results.query.page,
        "page_size": results.query.page_size,
        "results": [
            {
                "slug": hit.slug,
                "title": hit.title,
                "url": hit.url,
                "summary": hit.summary,
                "score": hit.score,
                "highlights": [
                    {"section": highlight.section, "text": highlight.text}
                    for highlight in hit.highlights
                ],
                "difficulty": {
                    "question": hit.difficulty.question,
                    "answer": hit.difficulty.answer,
                    "url": difficulty_url(hit),
                }
                if hit.difficulty
                else None,
            }
            for hit in results.hits
        ],
        "facets": results.facets,
    }


@require_GET
def search_api(request):
    parsed = parse_search_params(request.GET)
    if parsed.errors:
        return JsonResponse(
            {"error": "Paramètres invalides.", "details": parsed.errors}, status=400
        )
    return JsonResponse(results_as_json(service.search(parsed.query)))


@require_GET
def suggestions_api(request):
    prefix = request.GET.get("q", "")[:100]
    return JsonResponse({"query": prefix, "suggestions": suggest(prefix)})


def facet_groups(results: SearchResults, query) -> list[dict]:
    """Each facet's options with counts and whether they are ticked, for the template."""
    labels = {
        "theme": "Thèmes",
        "audience": "Pour qui",
        "stage": "Où en est le partenariat",
        "level": "Niveaux",
    }
    groups = []
    for param, (attribute, model) in FACET_PARAMS.items():
        counts = results.facets.get(attribute, {})
        selected = getattr(query, attribute)
        options = [
            {
                "slug": option.slug,
                "label": getattr(option, "short_title", option.title),
                "count": counts.get(option.slug, 0),
                "checked": option.slug in selected,
            }
            for option in model.objects.all()
        ]
        groups.append({"param": param, "label": labels[param], "options": options})
    return groups


def broader_words(text: str) -> list[str]:
    """The query's meaningful words, to try one at a time when nothing matched."""
    words = [word.strip(".,;:!?«»\"'") for word in text.split()]
    return [word for word in dict.fromkeys(words) if word and analyse(word)][:6]


@require_GET
def search_page(request):
    parsed = parse_search_params(request.GET)
    query = parsed.query
    context = {"query": query, "errors": parsed.errors, "searched": bool(request.GET)}
    if request.GET:
        results = service.search(query)
        query_without_page = request.GET.copy()
        query_without_page.pop("page", None)
        context.update(
            {
                "results": results,
                "hits": [
                    {"hit": hit, "difficulty_url": difficulty_url(hit)} for hit in results.hits
                ],
                "facet_groups": facet_groups(results, query),
                "degraded_notice": DEGRADED_NOTICE if results.degraded else "",
                "query_without_page": query_without_page.urlencode(),
                "has_previous": query.page > 1,
                "has_next": query.offset + query.page_size < results.total,
                "has_filters": any(query.facet_filters().values()) or query.section,
            }
        )
        if not results.total:
            context["broader_words"] = broader_words(query.text)
            context["themes"] = Theme.objects.all()
            context["suggestions"] = suggest(query.text)[:4] if query.text else []
    else:
        context["themes"] = Theme.objects.all()
        context["stages"] = Stage.objects.all()
    context["audiences"] = Audience.objects.all()
    context["levels"] = Level.objects.all()
    return TemplateResponse(request, "search/search_page.html", context)
