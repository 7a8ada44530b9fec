"""What the welcome page (/bienvenue/) tells a newcomer: the network, four ways to take part,
three practices per stage to start with, a few words of the glossary, the next meeting.

The next meeting comes from whoever knows about meetings, through a Wagtail hook, so that this
module does not depend on the meetings app: register a function under `NEXT_MEETING_HOOK`
that takes the request and returns None or an object with `title`, `url` and `when` (a date
or datetime), and optionally `place`. The first function that returns a meeting wins.
"""

from dataclasses import dataclass

from django.db.models import Case, IntegerField, Value, When
from wagtail import hooks

from wiki.listing import public_practices
from wiki.members import is_member
from wiki.models import GlossaryTerm, Stage

NEXT_MEETING_HOOK = "passerelles_next_meeting"
PRACTICES_PER_STAGE = 3
GLOSSARY_TERM_COUNT = 6
# The words a newcomer meets first, from both sides; other terms fill in if some are missing.
FIRST_TERMS = ("REP", "CLAS", "PEDT", "ACM", "QPV", "IEN")


@dataclass(frozen=True)
class Link:
    url: str
    label: str


@dataclass(frozen=True)
class WayToTakePart:
    title: str
    what_it_means: str
    links: tuple[Link, ...]


def ways_to_take_part(member: bool) -> tuple[WayToTakePart, ...]:
    """The four ways to take part; members get the drafts where practices are worked on."""
    drafts = (Link("/pratiques/brouillons/", "Les brouillons en cours"),) if member else ()
    return (
        WayToTakePart(
            "Présenter une pratique",
            "Raconter en quelques lignes ce que votre centre ou votre école a fait avec l'autre "
            "côté : une rencontre, un projet, un accueil des familles. Pas besoin que ce soit "
            "parfait ni terminé : c'est le point de départ.",
            (Link("/partager-une-experience/", "Partager une expérience"),),
        ),
        WayToTakePart(
            "La confronter aux questions et aux regards critiques",
            "Lire les pratiques des autres, poser vos questions, dire ce qui ne marcherait pas "
            "chez vous ou ce qui a coincé : c'est ce qui rend une fiche utile à tout le réseau.",
            (Link("/pratiques/", "Lire les pratiques"), *drafts),
        ),
        WayToTakePart(
            "La formaliser",
            "Mettre la pratique dans la forme commune d'une fiche : le point de départ, les "
            "étapes, les difficultés et les réponses trouvées, le mémo. On l'écrit à plusieurs, "
            "et la Coordination la relit avant publication.",
            (*drafts, Link("/pratiques/", "Voir des fiches terminées")),
        ),
        WayToTakePart(
            "La valoriser",
            "Faire connaître ce qui marche : les meilleures fiches entrent dans le guide imprimé, "
            "que l'on peut distribuer en réunion, en conseil d'école ou aux nouveaux collègues.",
            (Link("/guide/", "Le guide imprimable"),),
        ),
    )


@dataclass
class StageStart:
    stage: Stage
    practices: list


def latest_practices(stage: Stage, count: int) -> list:
    """The stage's most recently published public practices, for a list of links (title,
    summary and address only: no facets to prefetch)."""
    practices = public_practices().filter(stage=stage).order_by("-first_published_at", "title")
    return list(practices[:count])


def practices_to_start_with() -> list[StageStart]:
    return [
        StageStart(stage, latest_practices(stage, PRACTICES_PER_STAGE))
        for stage in Stage.objects.all()
    ]


def first_glossary_terms() -> list[GlossaryTerm]:
    """A handful of terms to learn first: the usual acronyms, then others with an expansion."""
    preferred = Case(
        *(When(term=term, then=Value(rank)) for rank, term in enumerate(FIRST_TERMS)),
        default=Value(len(FIRST_TERMS)),
        output_field=IntegerField(),
    )
    return list(
        GlossaryTerm.objects.exclude(expansion="")
        .annotate(rank=preferred)
        .order_by("rank", "term")[:GLOSSARY_TERM_COUNT]
    )


def next_meeting(request):
    for find_meeting in hooks.get_hooks(NEXT_MEETING_HOOK):
        meeting = find_meeting(request)
        if meeting is not None:
            return meeting
    return None


def welcome_context(request) -> dict:
    return {
        "ways": ways_to_take_part(is_member(request.user)),
        "stage_starts": practices_to_start_with(),
        "glossary_terms": first_glossary_terms(),
        "next_meeting": next_meeting(request),
    }
