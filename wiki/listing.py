"""Queries behind the lists: practices filtered by facets, themes, the home page, glossary.

Views and templates ask these functions; each runs a fixed number of queries whatever the
number of practices.
"""

import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet

from wiki.models import Audience, GlossaryTerm, Level, PracticePage, Stage, Theme
from wiki.vocabulary import GLOSSARY_SIDES

PAGE_SIZE = 24


def public_practices() -> QuerySet:
    """Practices an anonymous visitor may see: live and not behind a view restriction."""
    return PracticePage.objects.live().public()


DEFAULT_CARD_COLOUR = "#1f5fa8"


@dataclass(frozen=True)
class PracticeCard:
    """What a practice's card shows, as plain lists: the card template then walks no related
    managers (modelcluster's cost a third of a list page's time)."""

    page: PracticePage
    stage: Stage | None
    audiences: list[Audience]
    themes: list[Theme]

    @property
    def title(self) -> str:
        return self.page.title

    @property
    def summary(self) -> str:
        return self.page.summary

    @property
    def colour(self) -> str:
        return self.themes[0].colour if self.themes else DEFAULT_CARD_COLOUR


def practice_cards(pages: Iterable[PracticePage]) -> list[PracticeCard]:
    """Cards for these pages (fetched with their stage): two more queries, however many."""
    pages = list(pages)
    ids = [page.pk for page in pages]
    chosen: dict[str, dict[int, list]] = {}
    for name, target in (("themes", "theme"), ("audiences", "audience")):
        through = getattr(PracticePage, name).through
        ordering = through._meta.get_field(target).related_model._meta.ordering
        # Each page's themes (audiences) in the taxonomy's own order, as themes.all() gives.
        links = (
            through.objects.filter(practicepage_id__in=ids)
            .select_related(target)
            .order_by(*(f"{target}__{field}" for field in ordering))
        )
        by_page: dict[int, list] = defaultdict(list)
        for link in links:
            by_page[link.practicepage_id].append(getattr(link, target))
        chosen[name] = by_page
    return [
        PracticeCard(
            page=page,
            stage=page.stage,
            audiences=chosen["audiences"].get(page.pk, []),
            themes=chosen["themes"].get(page.pk, []),
        )
        for page in pages
    ]


@dataclass
class Facet:
    param: str
    label: str
    model: type
    lookup: str
    options: list = field(default_factory=list)
    selected: list[str] = field(default_factory=list)


def build_facets() -> list[Facet]:
    return [
        Facet("theme", "Thèmes", Theme, "themes__slug__in"),
        Facet("audience", "Pour qui", Audience, "audiences__slug__in"),
        Facet("stage", "Où en est le partenariat", Stage, "stage__slug__in"),
        Facet("level", "Niveaux", Level, "levels__slug__in"),
    ]


def filter_practices(params, public: QuerySet) -> tuple[QuerySet, list[Facet], list[str]]:
    """Apply the facet filters found in `params` (a QueryDict).

    Values within one facet are alternatives (OR); facets combine (AND). Unknown values are
    ignored and reported, so a mistyped URL still shows a useful list.
    """
    facets = build_facets()
    ignored: list[str] = []
    for facet in facets:
        facet.options = list(facet.model.objects.all())
        known = {option.slug for option in facet.options}
        wanted = [value for value in params.getlist(facet.param) if value]
        facet.selected = [value for value in wanted if value in known]
        ignored += [value for value in wanted if value not in known]
    return filtered_by(facets, public), facets, ignored


def filtered_by(facets: list[Facet], public: QuerySet, skip: Facet | None = None) -> QuerySet:
    """`public` narrowed by the facets' selections; made once per request and reused, as
    Wagtail's public() reads the view restrictions each time it is called."""
    practices = public
    for facet in facets:
        if facet.selected and facet is not skip:
            matching = PracticePage.objects.filter(**{facet.lookup: facet.selected})
            practices = practices.filter(pk__in=matching.values("pk"))
    return practices


def count_options(facets: list[Facet], public: QuerySet) -> None:
    """Attach to each option how many practices it would give, the other filters kept.

    A facet's own selection is left out of its counts (disjunctive faceting), so ticking a
    second theme shows how many practices it adds.
    """
    for facet in facets:
        practices = filtered_by(facets, public, skip=facet).order_by()
        if facet.param == "stage":
            counts = dict(practices.values_list("stage__slug").annotate(total=Count("pk")))
        else:
            counts = dict(
                facet.model.objects.filter(practices__in=practices.values("pk"))
                .values_list("slug")
                .annotate(total=Count("practices"))
                .order_by()
            )
        for option in facet.options:
            option.count = counts.get(option.slug, 0)


def practice_list_context(index_page, request) -> dict:
    public = public_practices()
    practices, facets, ignored = filter_practices(request.GET, public)
    count_options(facets, public)
    paginator = Paginator(practices.select_related("stage").order_by("title"), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return {
        "facets": facets,
        "ignored_filters": ignored,
        "page_obj": page_obj,
        "practices": practice_cards(page_obj.object_list),
        "total": paginator.count,
        "is_filtered": any(facet.selected for facet in facets),
        "query_without_page": query_without_page.urlencode(),
    }


def themes_with_counts() -> list[Theme]:
    public_ids = public_practices().values("pk")
    return list(
        Theme.objects.annotate(
            practice_count=Count("practices", filter=Q(practices__in=public_ids), distinct=True)
        ).order_by("sort_order", "title")  # Meta.ordering is dropped in GROUP BY queries
    )


THEME_PAGE_PER_STAGE = 12


@dataclass
class StageGroup:
    stage: Stage
    practices: list
    total: int

    @property
    def more(self) -> int:
        return self.total - len(self.practices)


def theme_context(theme: Theme) -> dict:
    """A theme's practices grouped by stage, a dozen per stage with a link to the rest."""
    in_theme = public_practices().filter(pk__in=theme.practices.values("pk"))
    totals = dict(in_theme.order_by().values_list("stage_id").annotate(total=Count("pk")))
    groups = [
        StageGroup(
            stage=stage,
            practices=practice_cards(
                in_theme.filter(stage=stage)
                .select_related("stage")
                .order_by("title")[:THEME_PAGE_PER_STAGE]
            ),
            total=totals[stage.pk],
        )
        for stage in Stage.objects.all()
        if totals.get(stage.pk)
    ]
    return {
        "theme": theme,
        "stage_groups": groups,
        "practice_count": sum(totals.values()),
        "other_themes": Theme.objects.exclude(pk=theme.pk),
    }


def home_context() -> dict:
    public = public_practices()
    return {
        "themes": themes_with_counts(),
        "stages": list(
            Stage.objects.annotate(
                practice_count=Count("practices", filter=Q(practices__in=public.values("pk")))
            ).order_by("sort_order")
        ),
        "recent_practices": practice_cards(
            public.select_related("stage").order_by("-last_published_at")[:6]
        ),
        "practice_count": public.count(),
        "glossary_count": GlossaryTerm.objects.count(),
    }


def initial_letter(term: str) -> str:
    letter = unicodedata.normalize("NFKD", term[:1]).encode("ascii", "ignore").decode().upper()
    return letter if letter.isalpha() else "#"


def glossary_context(side: str) -> dict:
    sides = dict(GLOSSARY_SIDES)
    terms = GlossaryTerm.objects.all()
    if side in sides:
        terms = terms.filter(side=side)
    else:
        side = ""
    ordered = sorted(terms, key=lambda term: (initial_letter(term.term), term.term.lower()))
    return {
        "letters": [
            (letter, list(group))
            for letter, group in groupby(ordered, key=lambda term: initial_letter(term.term))
        ],
        "sides": GLOSSARY_SIDES,
        "side": side,
        "side_labels": sides,
        "term_count": len(ordered),
    }
