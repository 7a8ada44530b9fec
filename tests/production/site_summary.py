"""A site's content as plain data, to compare a site with its restored copy. It runs in the
test process and, through `manage.py shell`, in a process on the restored database."""

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group, User
from wagtail.documents.models import Document
from wagtail.models import GroupPagePermission, Page, PageLogEntry, Revision

from search import service
from search.base import SearchQuery
from wiki.guide.models import GuideEdition
from wiki.meetings.models import MeetingPage
from wiki.models import GlossaryTerm, PracticePage


def revision_count(page: Page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def page_tree() -> list:
    return [
        [
            page.pk,
            page.path,
            page.url_path,
            page.title,
            page.live,
            page.specific_class.__name__,
            revision_count(page),
            page.has_unpublished_changes,
        ]
        for page in Page.objects.order_by("path")
    ]


def practices() -> dict:
    return {
        page.slug: {
            "title": page.title,
            "themes": sorted(theme.slug for theme in page.themes.all()),
            "steps": [step.title for step in page.steps.all()],
            "difficulties": [item.question for item in page.difficulties.all()],
            "latest_revision_title": page.get_latest_revision_as_object().title,
        }
        for page in PracticePage.objects.order_by("slug")
    }


def people() -> dict:
    return {
        "users": sorted(
            [user.username, user.email, sorted(group.name for group in user.groups.all())]
            for user in User.objects.all()
        ),
        "groups": sorted(
            [
                group.name,
                sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()),
            ]
            for group in Group.objects.all()
        ),
        "page_permissions": sorted(
            [grant.group.name, grant.page.url_path, grant.permission.codename]
            for grant in GroupPagePermission.objects.all()
        ),
    }


def media_files() -> list:
    root = Path(settings.MEDIA_ROOT)
    return sorted(
        [path.relative_to(root).as_posix(), path.stat().st_size]
        for path in root.rglob("*")
        if path.is_file()
    )


def site_summary(search_text: str = "kermesse") -> dict:
    return {
        "page_tree": page_tree(),
        "practices": practices(),
        "glossary": sorted(
            [term.term, term.expansion, term.side, term.synonyms]
            for term in GlossaryTerm.objects.all()
        ),
        "meetings": [
            [
                meeting.title,
                meeting.start.isoformat(),
                [item.practice.slug for item in meeting.presented_practices.all()],
            ]
            for meeting in MeetingPage.objects.order_by("title")
        ],
        "guide_editions": [
            [
                edition.slug,
                edition.title,
                edition.status,
                [build.status for build in edition.builds.all()],
            ]
            for edition in GuideEdition.objects.order_by("slug")
        ],
        "documents": sorted(
            [document.title, document.file.name] for document in Document.objects.all()
        ),
        "log_entries": PageLogEntry.objects.count(),
        "media": media_files(),
        "search": [hit.slug for hit in service.search(SearchQuery(text=search_text)).hits],
        **people(),
    }


def print_site_summary() -> None:
    """For `manage.py shell -c`: the summary as one line of JSON."""
    print(json.dumps(site_summary()))
