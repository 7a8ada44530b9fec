"""The Coordination's page for one edition: publish it, follow the build of its files, see
which of its practices changed since, and what it changed from the previous edition."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from wiki.guide.changes import changed_since_publication, changes_between
from wiki.guide.freezing import EditionNotPublishable, publish_edition
from wiki.guide.models import GuideBuild, GuideEdition
from wiki.guide.tasks import enqueue_build

PUBLISH_PERMISSION = "guide.publish_guideedition"


def edition_admin_url(viewset_name: str, edition: GuideEdition) -> str:
    return reverse(f"guide_editions:{viewset_name}", args=[edition.pk])


class EditionStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "guide/admin/edition_status.html"
    header_icon = "doc-full-inverse"

    def dispatch(self, request, *args, pk, **kwargs):
        if not request.user.has_perm("guide.change_guideedition"):
            raise PermissionDenied
        self.edition = get_object_or_404(GuideEdition, pk=pk)
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.edition)

    def get_header_title(self):
        return str(self.edition)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("guide_editions:list"), "label": "Éditions du guide"},
            {"url": "", "label": str(self.edition)},
        ]

    def get_context_data(self, **kwargs):
        build = self.edition.latest_build()
        previous = self.edition.previous_edition() if self.edition.is_published else None
        return super().get_context_data(
            edition=self.edition,
            build=build,
            # Refresh the page while the files are being made (works without JavaScript).
            refresh_seconds=2 if build and build.is_active else None,
            can_publish=self.request.user.has_perm(PUBLISH_PERMISSION),
            changed_since=changed_since_publication(self.edition),
            from_previous=changes_between(previous, self.edition),
            previous=previous,
            **kwargs,
        )


class PublishEditionView(View):
    def post(self, request, pk):
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        edition = get_object_or_404(GuideEdition, pk=pk)
        if edition.is_published:
            messages.info(request, "Cette édition est déjà publiée.")
            return redirect(edition_admin_url("status", edition))
        try:
            publish_edition(edition, request.user)
        except EditionNotPublishable as refusal:
            messages.error(
                request,
                "L'édition n'est pas publiée. À régler d'abord : " + " ".join(refusal.problems),
            )
            return redirect(edition_admin_url("edit", edition))
        messages.success(
            request,
            "L'édition est publiée et figée. Ses fichiers sont en fabrication : cette page "
            "se met à jour toute seule.",
        )
        return redirect(edition_admin_url("status", edition))


class RebuildEditionView(View):
    def post(self, request, pk):
        if not request.user.has_perm(PUBLISH_PERMISSION):
            raise PermissionDenied
        edition = get_object_or_404(GuideEdition, pk=pk, status=GuideEdition.Status.PUBLISHED)
        if not any(build.is_active for build in edition.builds.all()):
            with transaction.atomic():
                build = GuideBuild.objects.create(edition=edition)
                transaction.on_commit(lambda: enqueue_build(build))
            messages.success(request, "Les fichiers sont refaits à partir de l'édition figée.")
        return redirect(edition_admin_url("status", edition))
