"""Generate many realistic practices fast, for benchmarks (not through the import: a bulk path).

Each practice gets the full template (steps, difficulties, memo...) built from the demo
content's vocabulary, so pages and indexes are as heavy as real ones.
"""

import random

from django.db import transaction
from wagtail.signal_handlers import disable_reference_index_auto_update

from wiki.exchange.pages import in_order
from wiki.models import (
    Audience,
    Level,
    PracticeDifficulty,
    PracticeIndexPage,
    PracticeMemoItem,
    PracticePage,
    PracticeQuote,
    PracticeStep,
    Stage,
    Theme,
)
from wiki.site_structure import ensure_site_structure

WORDS = [
    "école",
    "centre",
    "social",
    "familles",
    "parents",
    "enseignants",
    "directrice",
    "collège",
    "CPE",
    "accompagnement",
    "scolarité",
    "réunion",
    "rencontre",
    "projet",
    "quartier",
    "animateur",
    "bénévoles",
    "devoirs",
    "conseil",
    "classe",
    "médiation",
    "confiance",
    "calendrier",
    "courriel",
    "liaison",
    "atelier",
    "fête",
    "lecture",
    "sortie",
    "évaluation",
    "réseau",
    "nouveaux",
    "salariés",
    "partenariat",
    "inspection",
    "circonscription",
    "REP",
    "CLAS",
    "périscolaire",
]


def sentence(rng: random.Random, length: int) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int = 3) -> str:
    return "<p>" + " ".join(sentence(rng, rng.randint(8, 16)) for _ in range(sentences)) + "</p>"


@transaction.atomic
def generate_practices(count: int, seed: int = 7, start: int = 0) -> None:
    rng = random.Random(seed + start)
    index = PracticeIndexPage.objects.child_of(ensure_site_structure()).get()
    themes, audiences = list(Theme.objects.all()), list(Audience.objects.all())
    stages, levels = list(Stage.objects.all()), list(Level.objects.all())
    with disable_reference_index_auto_update():
        for number in range(start, start + count):
            page = PracticePage(
                title=f"{sentence(rng, 5)[:-1]} {number}",
                slug=f"pratique-generee-{number}",
                summary=sentence(rng, 20)[:300],
                context=paragraph(rng, 4),
                objectives=paragraph(rng, 2),
                ingredients=paragraph(rng, 2),
                what_worked=paragraph(rng, 2),
                structure="Centre social généré",
                territory="Quartier test",
                stage=rng.choice(stages),
                live=True,
            )
            page.themes = rng.sample(themes, rng.randint(1, 3))
            page.audiences = rng.sample(audiences, rng.randint(1, 3))
            page.levels = rng.sample(levels, rng.randint(0, 2))
            page.steps = in_order(
                PracticeStep(title=sentence(rng, 4), text=paragraph(rng, 1)) for _ in range(4)
            )
            page.difficulties = in_order(
                PracticeDifficulty(question=sentence(rng, 7), answer=paragraph(rng, 2))
                for _ in range(3)
            )
            page.memo_items = in_order(PracticeMemoItem(text=sentence(rng, 6)) for _ in range(4))
            page.quotes = in_order([PracticeQuote(text=sentence(rng, 10), who="une enseignante")])
            index.add_child(instance=page)
            index.numchild += 1  # add_child keeps the parent's count only on the instance
