"""The guide online: the published editions, each frozen edition readable on a phone, and
its files to download."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from wiki.guide.changes import changes_from_previous, frozen
from wiki.guide.models import GuideEdition


def published_editions():
    return GuideEdition.objects.filter(status=GuideEdition.Status.PUBLISHED).order_by(
        "-edition_date", "-published_at"
    )


def guide_index(request):
    editions = [
        {
            "edition": edition,
            "build": edition.latest_finished_build(),
            "changes": changes_from_previous(edition),
            "previous": edition.previous_edition(),
        }
        for edition in published_editions()
    ]
    return render(request, "guide/guide_index.html", {"editions": editions})


def edition_detail(request, slug: str):
    edition = get_object_or_404(published_editions(), slug=slug)
    return render(
        request,
        "guide/edition.html",
        {
            "edition": edition,
            "content": frozen(edition),
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
