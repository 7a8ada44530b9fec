"""The meetings' list page, "Rencontres", under the home page at `/rencontres/`."""

from django.db import transaction

from wiki.meetings.models import MeetingIndexPage
from wiki.site_structure import ensure_site_structure


@transaction.atomic
def ensure_meeting_index() -> MeetingIndexPage:
    home = ensure_site_structure()
    index = MeetingIndexPage.objects.child_of(home).first()
    if index is None:
        index = MeetingIndexPage(
            title="Rencontres",
            slug="rencontres",
            intro=(
                "<p>Les rencontres du réseau : groupe pilote, rencontres d'échanges, "
                "rencontres de valorisation, rencontres départementales avec l'Éducation "
                "nationale et temps d'équipe. Ordre du jour, compte rendu, décisions et suites "
                "à donner.</p>"
            ),
        )
        home.add_child(instance=index)
    return index
