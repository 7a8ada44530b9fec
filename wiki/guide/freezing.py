"""Publishing an edition: check the curation, then freeze each practice at its live revision."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from wiki.exchange.pages import page_to_data
from wiki.glossary_marking import GlossaryMarker
from wiki.guide.content import (
    GuideChapter,
    GuideContent,
    GuideGlossaryTerm,
    GuideImage,
    GuidePractice,
    GuideStage,
)
from wiki.guide.models import GuideBuild, GuideEdition
from wiki.guide.snapshot import content_to_json
from wiki.listing import public_practices
from wiki.models import GlossaryTerm, PracticePage, Stage, Theme
from wiki.orientation import QUESTIONS
from wiki.site_urls import absolute_url

# Chapters without a theme take these colours in turn (the themes' palette is in taxonomy).
CUSTOM_CHAPTER_COLOURS = ("#6b4fa0", "#2d7a5f", "#b5532a", "#1f5fa8")


class EditionNotPublishable(Exception):
    """The curation has problems people must fix first; `problems` are French sentences."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def chosen_practice_ids(edition: GuideEdition) -> list[list[int]]:
    """The practice ids each chapter holds, read from the raw stream so that a practice
    deleted since it was chosen still shows up (the chooser would silently drop it)."""
    chapters = []
    for block in edition.chapters.raw_data:
        items = block["value"].get("practices") or []
        ids = [item["value"] if isinstance(item, dict) else item for item in items]
        chapters.append([int(page_id) for page_id in ids if page_id])
    return chapters


def chapter_title(value, index: int) -> str:
    theme = value.get("theme")
    return (value.get("title") or "").strip() or (theme.title if theme else f"Chapitre {index}")


def publication_problems(edition: GuideEdition) -> list[str]:
    """Everything that stops the edition from being published, one French sentence each."""
    problems = []
    chapter_ids = chosen_practice_ids(edition)
    if not chapter_ids:
        problems.append("L'édition n'a aucun chapitre.")
    all_ids = [page_id for ids in chapter_ids for page_id in ids]
    pages = PracticePage.objects.in_bulk(all_ids)
    public_ids = set(public_practices().filter(id__in=all_ids).values_list("id", flat=True))
    seen: set[int] = set()
    for index, (block, ids) in enumerate(zip(edition.chapters, chapter_ids, strict=True), 1):
        title = chapter_title(block.value, index)
        if not ids:
            problems.append(f"Le chapitre « {title} » est vide : ajoutez-y au moins une pratique.")
        for page_id in ids:
            page = pages.get(page_id)
            if page is None:
                problems.append(
                    f"Chapitre « {title} » : une pratique choisie (n° {page_id}) a été supprimée "
                    "depuis ; retirez-la du chapitre."
                )
            elif page_id not in public_ids:
                problems.append(
                    f"Chapitre « {title} » : « {page.title} » n'est plus publiée ; publiez-la "
                    "à nouveau ou retirez-la du chapitre."
                )
            elif page_id in seen:
                problems.append(
                    f"Chapitre « {title} » : « {page.title} » figure déjà dans un autre "
                    "chapitre ; une pratique ne paraît qu'une fois dans le livret."
                )
            seen.add(page_id)
    return problems


def freeze_practice(page: PracticePage) -> GuidePractice:
    """The practice as its live revision holds it, pinned to that revision."""
    revision = page.live_revision
    frozen = revision.as_object() if revision else page
    return GuidePractice(
        data=page_to_data(frozen),
        url=absolute_url(page.url or f"/pratiques/{page.slug}/"),
        theme_titles=tuple(theme.title for theme in frozen.themes.all()),
        stage_title=frozen.stage.title if frozen.stage_id else "",
        audience_titles=tuple(audience.title for audience in frozen.audiences.all()),
        level_titles=tuple(level.title for level in frozen.levels.all()),
        revision_id=revision.pk if revision else None,
        page_id=page.pk,
    )


def freeze_chapters(edition: GuideEdition) -> tuple[GuideChapter, ...]:
    all_ids = [page_id for ids in chosen_practice_ids(edition) for page_id in ids]
    pages = PracticePage.objects.select_related("live_revision", "stage").in_bulk(all_ids)
    chapters = []
    for index, block in enumerate(edition.chapters, 1):
        value = block.value
        theme: Theme | None = value.get("theme")
        title = chapter_title(value, index)
        practices = [page for page in value.get("practices") or [] if page and page.pk in pages]
        chapters.append(
            GuideChapter(
                title=title,
                introduction=value["introduction"].source if value.get("introduction") else "",
                colour=theme.colour
                if theme
                else CUSTOM_CHAPTER_COLOURS[index % len(CUSTOM_CHAPTER_COLOURS)],
                slug=theme.slug if theme and not value.get("title") else slugify(title),
                emoji=theme.emoji if theme else "",
                practices=tuple(freeze_practice(pages[page.pk]) for page in practices),
            )
        )
    return tuple(chapters)


def practice_texts(chapters: tuple[GuideChapter, ...]):
    for chapter in chapters:
        for practice in chapter.practices:
            data = practice.data
            yield from (data.title, data.summary, data.context, data.objectives)
            yield from (data.ingredients, data.what_worked, *data.memo)
            yield from (text for step in data.steps for text in (step.title, step.text))
            yield from (text for item in data.difficulties for text in (item.question, item.answer))


def glossary_terms(edition: GuideEdition, chapters: tuple[GuideChapter, ...]) -> tuple:
    terms = list(GlossaryTerm.objects.order_by("term"))
    if edition.glossary_scope == "used":
        marker = GlossaryMarker(terms, "")
        used: set[int] = set()
        if marker.pattern is not None:
            for text in practice_texts(chapters):
                for match in marker.pattern.finditer(text or ""):
                    used.add(int(match.lastgroup[1:]))
        kept = {marker.terms[index].pk for index in used}
        terms = [term for term in terms if term.pk in kept]
    return tuple(
        GuideGlossaryTerm(
            term=term.term, expansion=term.expansion, definition=term.definition, side=term.side
        )
        for term in terms
    )


def edition_content(edition: GuideEdition) -> GuideContent:
    """The edition as it would be frozen now (a preview for drafts, the freeze itself)."""
    chapters = freeze_chapters(edition)
    cover = None
    if edition.cover_image_id:
        image = edition.cover_image
        path = image.file.path if image.file and image.file.name else None
        cover = GuideImage(path=path, alt=image.title)
    return GuideContent(
        title=edition.title,
        subtitle=edition.subtitle,
        edition_label=edition.edition_label,
        edition_date=edition.edition_date,
        purpose=edition.purpose,
        how_to_use=edition.how_to_use,
        chapters=chapters,
        glossary=glossary_terms(edition, chapters),
        stages=tuple(
            GuideStage(slug=stage.slug, title=stage.title, description=stage.description)
            for stage in Stage.objects.order_by("sort_order")
        ),
        orientation=QUESTIONS,
        note_pages=edition.note_pages,
        page_size=edition.page_size,
        online_url=absolute_url(reverse("guide:edition", args=[edition.slug])),
        cover_image=cover,
        slug=edition.slug,
    )


def publish_edition(edition: GuideEdition, user=None) -> GuideBuild:
    """Freeze the edition and queue the build of its files; refuse with every problem."""
    from wiki.guide.tasks import enqueue_build

    problems = publication_problems(edition)
    if problems:
        raise EditionNotPublishable(problems)
    with transaction.atomic():
        edition.frozen_content = content_to_json(edition_content(edition))
        edition.status = GuideEdition.Status.PUBLISHED
        edition.published_at = timezone.now()
        edition.published_by = user
        edition.save()
        build = GuideBuild.objects.create(edition=edition)
        transaction.on_commit(lambda: enqueue_build(build))
    return build
