"""The guide online: the published editions, each frozen edition readable on a phone, and
its files to download."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from wiki.guide.changes import changes_between
from wiki.guide.models import GuideEdition
from wiki.guide.snapshot import frozen_content


def published_editions():
    return GuideEdition.objects.filter(status=GuideEdition.Status.PUBLISHED).order_by(
        "-edition_date", "-published_at"
    )


def guide_index(request):
    # Newest first, in the order previous_edition() follows: each one's previous is the next.
    editions = list(published_editions())
    previous_editions = [*editions[1:], None]
    editions = [
        {
            "edition": edition,
            "build": edition.latest_finished_build(),
            "changes": changes_between(previous, edition),
            "previous": previous,
        }
        for edition, previous in zip(editions, previous_editions, strict=True)
    ]
    return render(request, "guide/guide_index.html", {"editions": editions})


def edition_detail(request, slug: str):
    edition = get_object_or_404(published_editions(), slug=slug)
    return render(
        request,
        "guide/edition.html",
        {
            "edition": edition,
            "content": frozen_content(edition),
            "build": edition.latest_finished_build(),
        },
    )


def edition_file(request, slug: str, filename: str):
    edition = get_object_or_404(published_editions(), slug=slug)
    build = edition.latest_finished_build()
    file = build.file_named(filename) if build else None
    if file is None or not file.storage.exists(file.name):
        raise Http404("Ce fichier n'existe pas (ou plus).")
    return FileResponse(file.open("rb"), content_type="application/pdf", filename=filename)
