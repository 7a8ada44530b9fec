"""What a practice page shows: its sections with glossary tooltips, ready for the template."""

from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from wiki.glossary_marking import GlossaryMarker
from wiki.models import GlossaryTerm

GLOSSARY_URL = "/glossaire/"


def practice_context(page) -> dict:
    marker = GlossaryMarker(GlossaryTerm.objects.all(), GLOSSARY_URL)

    def rich(html: str) -> str:
        return mark_safe(marker.mark_html(expand_db_html(html or ""), set()))

    steps_seen: set[str] = set()
    steps = [
        {
            "number": number,
            "title": mark_safe(marker.mark_text(step.title, steps_seen)),
            "text": mark_safe(marker.mark_html(expand_db_html(step.text), steps_seen)),
        }
        for number, step in enumerate(page.steps.all(), start=1)
    ]
    difficulties_seen: set[str] = set()
    difficulties = [
        {
            "anchor": difficulty.anchor,
            "question": mark_safe(marker.mark_text(difficulty.question, difficulties_seen)),
            "answer": mark_safe(
                marker.mark_html(expand_db_html(difficulty.answer), difficulties_seen)
            ),
        }
        for difficulty in page.difficulties.all()
    ]
    memo_seen: set[str] = set()
    memo = [mark_safe(marker.mark_text(item.text, memo_seen)) for item in page.memo_items.all()]
    return {
        "context_html": rich(page.context),
        "objectives_html": rich(page.objectives),
        "ingredients_html": rich(page.ingredients),
        "what_worked_html": rich(page.what_worked),
        "steps": steps,
        "difficulties": difficulties,
        "memo": memo,
        "themes": list(page.themes.all()),
        "audiences": list(page.audiences.all()),
        "levels": list(page.levels.all()),
        "partners": [partner.name for partner in page.partners.all()],
        "quotes": list(page.quotes.all()),
        "resources": list(page.resources.select_related("document")),
    }
