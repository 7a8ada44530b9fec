"""A frozen edition as JSON (stored on the edition) and back to `GuideContent`.

Images are not frozen: the cover is referenced by the edition and may go missing later, in
which case the booklet prints a placeholder.
"""

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from wiki.exchange.data import Difficulty, PracticeData, Quote, Resource, Step
from wiki.guide.content import (
    GuideChapter,
    GuideContent,
    GuideGlossaryTerm,
    GuideImage,
    GuidePractice,
    GuideStage,
    OrientationQuestion,
)

FORMAT_VERSION = 1


def frozen_content(edition) -> GuideContent | None:
    """The edition as its publication froze it; None for a draft, which has nothing frozen."""
    return content_from_json(edition.frozen_content) if edition.frozen_content else None


def content_to_json(content: GuideContent) -> dict[str, Any]:
    data = asdict(content)
    data["edition_date"] = content.edition_date.isoformat()
    data["cover_image"] = _image_to_json(content.cover_image)
    for chapter_json, chapter in zip(data["chapters"], content.chapters, strict=True):
        chapter_json["image"] = _image_to_json(chapter.image)
    data["format_version"] = FORMAT_VERSION
    return data


def content_from_json(data: dict[str, Any]) -> GuideContent:
    return GuideContent(
        title=data["title"],
        subtitle=data["subtitle"],
        edition_label=data["edition_label"],
        edition_date=date.fromisoformat(data["edition_date"]),
        purpose=data["purpose"],
        how_to_use=data["how_to_use"],
        chapters=tuple(_chapter(chapter) for chapter in data["chapters"]),
        glossary=tuple(GuideGlossaryTerm(**term) for term in data.get("glossary", [])),
        stages=tuple(GuideStage(**stage) for stage in data.get("stages", [])),
        orientation=tuple(
            OrientationQuestion(
                text=question["text"],
                answers=tuple(tuple(answer) for answer in question["answers"]),
            )
            for question in data.get("orientation", [])
        ),
        note_pages=data.get("note_pages", 2),
        page_size=data.get("page_size", "A5"),
        online_url=data.get("online_url", ""),
        cover_image=_image(data.get("cover_image")),
        slug=data.get("slug", ""),
    )


def practice_from_json(data: dict[str, Any]) -> PracticeData:
    return PracticeData(
        **{
            **data,
            "steps": [Step(**step) for step in data.get("steps", [])],
            "difficulties": [Difficulty(**item) for item in data.get("difficulties", [])],
            "quotes": [Quote(**quote) for quote in data.get("quotes", [])],
            "resources": [Resource(**resource) for resource in data.get("resources", [])],
        }
    )


def _chapter(data: dict[str, Any]) -> GuideChapter:
    return GuideChapter(
        title=data["title"],
        introduction=data["introduction"],
        colour=data["colour"],
        slug=data.get("slug", ""),
        emoji=data.get("emoji", ""),
        image=_image(data.get("image")),
        practices=tuple(
            GuidePractice(
                data=practice_from_json(practice["data"]),
                url=practice["url"],
                theme_titles=tuple(practice.get("theme_titles", ())),
                stage_title=practice.get("stage_title", ""),
                audience_titles=tuple(practice.get("audience_titles", ())),
                level_titles=tuple(practice.get("level_titles", ())),
                revision_id=practice.get("revision_id"),
                page_id=practice.get("page_id"),
            )
            for practice in data["practices"]
        ),
    )


def _image_to_json(image: GuideImage | None) -> dict[str, str] | None:
    if image is None:
        return None
    return {"path": str(image.path) if image.path else "", "alt": image.alt}


def _image(data: dict[str, str] | None) -> GuideImage | None:
    if not data:
        return None
    return GuideImage(path=Path(data["path"]) if data.get("path") else None, alt=data["alt"])
