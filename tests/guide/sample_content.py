"""A realistic guide edition built from the demo practices, without the database.

From a shell (`python manage.py shell`):

    from tests.guide.sample_content import sample_content
    from wiki.guide.booklet import build_booklet
    open("/tmp/livret.pdf", "wb").write(build_booklet(sample_content("A5")))
"""

from dataclasses import replace
from datetime import date
from functools import cache
from html import escape
from pathlib import Path

import yaml
from django.conf import settings

from wiki.exchange.data import PracticeData
from wiki.exchange.parse import read_practice_file
from wiki.guide.booklet import build_booklet
from wiki.guide.content import (
    GuideChapter,
    GuideContent,
    GuideGlossaryTerm,
    GuidePractice,
    GuideStage,
    OrientationQuestion,
)
from wiki.models.taxonomy import THEME_COLOURS
from wiki.vocabulary import AUDIENCES, LEVELS, STAGES, THEMES

SITE_URL = "https://passerelles.example.org"
ONLINE_URL = f"{SITE_URL}/guide/edition-2026/"

PURPOSE = (
    "<p>Ce livret rassemble des pratiques menées par des centres sociaux avec les écoles, "
    "les collèges et les lycées de leur quartier. Chaque fiche raconte d'où l'on est parti, "
    "ce qu'il a fallu, les étapes, les difficultés et les réponses trouvées.</p>"
    "<p>Il se glisse dans un sac, se lit dans le désordre et s'annote au crayon.</p>"
)
HOW_TO_USE = (
    "<ul><li>Commencez par les <b>Pistes pour se situer</b> : elles disent par où entrer.</li>"
    "<li>Chaque chapitre a sa couleur, visible sur la tranche du livret.</li>"
    "<li>Le sommaire et l'index renvoient aux pages des fiches.</li></ul>"
)
ORIENTATION = (
    OrientationQuestion(
        "Connaissez-vous la direction de l'école la plus proche ?",
        (
            ("Pas encore", "premier-contact"),
            ("Nous nous sommes déjà parlé", "cooperation-ponctuelle"),
            ("Nous nous voyons régulièrement", "partenariat-installe"),
        ),
    ),
    OrientationQuestion(
        "Avez-vous déjà mené une action avec l'école ?",
        (
            ("Jamais", "premier-contact"),
            ("Une ou deux fois", "cooperation-ponctuelle"),
            ("Chaque année, avec un calendrier commun", "partenariat-installe"),
        ),
    ),
    OrientationQuestion(
        "Les enseignants orientent-ils des familles vers le centre ?",
        (
            ("Non, ils ne nous connaissent pas", "premier-contact"),
            ("Quelques-uns, de temps en temps", "cooperation-ponctuelle"),
            ("Oui, et nous en reparlons ensemble", "partenariat-installe"),
        ),
    ),
)


def fixtures_dir() -> Path:
    return Path(settings.BASE_DIR) / "fixtures"


def sample_practices() -> list[PracticeData]:
    """The demo practices, parsed by the exchange format's reader, in file name order."""
    theme_slugs = [slug for slug, _ in THEMES]
    stage_slugs = [slug for slug, _, _ in STAGES]
    return [
        read_practice_file(path, theme_slugs=theme_slugs, stage_slugs=stage_slugs)
        for path in sorted((fixtures_dir() / "practices").glob("*.md"))
    ]


def guide_practice(data: PracticeData) -> GuidePractice:
    """The practice with its facts card labels, as the freezing of an edition gives them."""
    themes, audiences, levels = dict(THEMES), dict(AUDIENCES), dict(LEVELS)
    stages = {slug: title for slug, title, _ in STAGES}
    return GuidePractice(
        data=data,
        url=f"{SITE_URL}/pratiques/{data.slug}/",
        theme_titles=tuple(themes[slug] for slug in data.themes),
        stage_title=stages[data.stage],
        audience_titles=tuple(audiences[slug] for slug in data.audience),
        level_titles=tuple(levels[slug] for slug in data.levels),
    )


def sample_chapters(practices: list[PracticeData]) -> tuple[GuideChapter, ...]:
    """One chapter per theme that is some practice's first theme, in the themes' order."""
    chapters = []
    for index, (slug, title) in enumerate(THEMES):
        members = [data for data in practices if data.themes[0] == slug]
        if not members:
            continue
        chapters.append(
            GuideChapter(
                title=title,
                introduction=(
                    f"<p>{len(members)} fiches racontent comment des centres sociaux s'y sont "
                    "pris, avec leurs partenaires de l'école.</p>"
                ),
                colour=THEME_COLOURS[index % len(THEME_COLOURS)][0],
                practices=tuple(guide_practice(data) for data in members),
                slug=slug,
            )
        )
    return tuple(chapters)


def sample_glossary() -> tuple[GuideGlossaryTerm, ...]:
    entries = yaml.safe_load((fixtures_dir() / "glossary.yaml").read_text(encoding="utf-8"))
    return tuple(
        GuideGlossaryTerm(
            term=entry["term"],
            expansion=entry.get("expansion") or "",
            definition=f"<p>{escape(entry['definition'])}</p>",
            side=entry["side"],
        )
        for entry in entries
    )


def sample_content(page_size: str = "A5", **changes) -> GuideContent:
    """The demo edition: every demo practice, the demo glossary, the three stages."""
    content = GuideContent(
        title="Passerelles entre centres sociaux et écoles",
        subtitle="Des pratiques qui marchent, racontées par celles et ceux qui les ont menées",
        edition_label="Édition 2026",
        edition_date=date(2026, 9, 1),
        purpose=PURPOSE,
        how_to_use=HOW_TO_USE,
        chapters=sample_chapters(sample_practices()),
        glossary=sample_glossary(),
        stages=tuple(GuideStage(slug, title, text) for slug, title, text in STAGES),
        orientation=ORIENTATION,
        page_size=page_size,
        online_url=ONLINE_URL,
        slug="edition-2026",
    )
    return replace(content, **changes)


@cache
def sample_booklet(page_size: str = "A5") -> bytes:
    """The demo edition's booklet, built once per test session (a build takes seconds)."""
    return build_booklet(sample_content(page_size))
