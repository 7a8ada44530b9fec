"""Guide editions for tests, curated the way the Coordination does in the admin."""

import datetime

from wiki.guide.models import GuideEdition
from wiki.models import Theme


def make_edition(chapters, slug="edition-test", **overrides) -> GuideEdition:
    """`chapters`: (theme slug or None, [practice pages], custom title) tuples, in order."""
    themes = Theme.objects.in_bulk(field_name="slug")
    stream = [
        (
            "chapter",
            {
                "theme": themes.get(theme) if theme else None,
                "title": title,
                "introduction": "",
                "practices": list(pages),
            },
        )
        for theme, pages, title in (
            chapter if len(chapter) == 3 else (*chapter, "") for chapter in chapters
        )
    ]
    values = {
        "title": "Passerelles",
        "subtitle": "Le guide",
        "slug": slug,
        "edition_label": "Édition test",
        "edition_date": datetime.date(2026, 6, 15),
        "purpose": "<p>Pour savoir quoi faire avec l'école.</p>",
        "how_to_use": "<p>Par thème.</p>",
        "chapters": stream,
        **overrides,
    }
    return GuideEdition.objects.create(**values)
