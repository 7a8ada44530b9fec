"""The demo's guide edition (fixtures/guide.yaml), curated and published like the
Coordination would: through the edition model and `publish_edition`."""

import datetime
from pathlib import Path

import yaml

from wiki.demo import paragraphs
from wiki.guide.freezing import publish_edition
from wiki.guide.models import GuideEdition
from wiki.models import PracticePage, Theme


def chapters_stream(chapters: list[dict], path: Path) -> list[tuple[str, dict]]:
    theme_slugs = [chapter["theme"] for chapter in chapters if chapter.get("theme")]
    themes = Theme.objects.in_bulk(theme_slugs, field_name="slug")
    slugs = [slug for chapter in chapters for slug in chapter["practices"]]
    pages = {page.slug: page for page in PracticePage.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - pages.keys())
    if missing:
        raise ValueError(f"{path}: pratiques inconnues : {', '.join(missing)}")
    return [
        (
            "chapter",
            {
                "theme": themes.get(chapter.get("theme")),
                "title": chapter.get("title", ""),
                "introduction": paragraphs(chapter.get("introduction", "")),
                "practices": [pages[slug] for slug in chapter["practices"]],
            },
        )
        for chapter in chapters
    ]


def load_demo_edition(path: Path, user=None) -> GuideEdition:
    """Create and publish the demo edition once; later runs leave it (it is frozen)."""
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    existing = GuideEdition.objects.filter(slug=entry["slug"]).first()
    if existing is not None and existing.is_published:
        return existing
    edition = existing or GuideEdition(slug=entry["slug"])
    edition.title = entry["title"]
    edition.subtitle = entry.get("subtitle", "")
    edition.edition_label = entry["edition_label"]
    edition.edition_date = entry["edition_date"]
    if isinstance(edition.edition_date, str):
        edition.edition_date = datetime.date.fromisoformat(edition.edition_date)
    edition.purpose = paragraphs(entry["purpose"])
    edition.how_to_use = paragraphs(entry["how_to_use"])
    edition.page_size = entry.get("page_size", "A5")
    edition.note_pages = entry.get("note_pages", 2)
    edition.glossary_scope = entry.get("glossary_scope", "used")
    edition.chapters = chapters_stream(entry["chapters"], path)
    edition.save()
    publish_edition(edition, user)
    return edition
