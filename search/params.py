"""Reading a search request's parameters (the page and the API share the same rules)."""

from dataclasses import dataclass, field

from search.base import SearchQuery
from wiki.models import Audience, Level, Stage, Theme

MAX_QUERY_LENGTH = 200
MAX_PAGE = 500
# URL parameter -> (SearchQuery attribute, model of accepted slugs)
FACET_PARAMS = {
    "theme": ("themes", Theme),
    "audience": ("audience", Audience),
    "stage": ("stage", Stage),
    "level": ("levels", Level),
}


@dataclass
class ParsedQuery:
    query: SearchQuery
    errors: dict[str, str] = field(default_factory=dict)


def parse_search_params(params) -> ParsedQuery:
    """Build a SearchQuery from a QueryDict; invalid values are left out and explained."""
    errors: dict[str, str] = {}
    text = " ".join(params.get("q", "").split())
    if len(text) > MAX_QUERY_LENGTH:
        errors["q"] = (
            f"La recherche est trop longue ({len(text)} caractères, {MAX_QUERY_LENGTH} au plus)."
        )
        text = text[:MAX_QUERY_LENGTH]
    query = SearchQuery(text=text)
    for param, (attribute, model) in FACET_PARAMS.items():
        values = [value for value in params.getlist(param) if value]
        if not values:
            continue
        known = set(model.objects.values_list("slug", flat=True))
        unknown = [value for value in values if value not in known]
        if unknown:
            errors[param] = (
                f"Valeur inconnue pour {param} : {', '.join(unknown)}. "
                f"Valeurs possibles : {', '.join(sorted(known))}."
            )
        setattr(query, attribute, [value for value in values if value in known])
    section = params.get("section", "")
    if section == "difficulties":
        query.section = "difficulties"
    elif section:
        errors["section"] = "section accepte seulement « difficulties » (Difficultés et réponses)."
    page = params.get("page", "1") or "1"
    if page.isdigit() and 1 <= int(page) <= MAX_PAGE:
        query.page = int(page)
    else:
        errors["page"] = f"page doit être un nombre entier entre 1 et {MAX_PAGE}."
    return ParsedQuery(query, errors)
