"""The meetings over HTTP: the list at /rencontres/, one meeting, who sees and who writes them."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.factories import publish_practice
from tests.meetings.factories import make_meeting
from wiki.meetings.models import MeetingIndexPage, MeetingKind, MeetingPage
from wiki.meetings.site_structure import ensure_meeting_index
from wiki.models import HomePage, PracticeIndexPage
from wiki.vocabulary import (
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

pytestmark = pytest.mark.django_db


def paris(*args) -> datetime:
    return timezone.make_aware(datetime(*args))


def page_text(response) -> str:
    """What a reader sees: the text without tags, spaces collapsed."""
    return " ".join(strip_tags(response.content.decode()).replace("&#x27;", "'").split())


def test_the_meeting_list_lives_at_rencontres_under_the_home_page():
    index = ensure_meeting_index()
    assert index.url == "/rencontres/"
    assert isinstance(index.get_parent().specific, HomePage)


def test_the_list_shows_upcoming_meetings_soonest_first_then_past_ones_latest_first(client_for):
    soon = timezone.now() + timedelta(days=3)
    later = timezone.now() + timedelta(days=40)
    make_meeting("Plus tard", later)
    make_meeting("Bientôt", soon)
    make_meeting("Mars", paris(2020, 3, 12, 14), kind=MeetingKind.PILOT_GROUP, place="Clairval")
    make_meeting("Février", paris(2020, 2, 3, 9, 30))
    make_meeting("Fin mars", paris(2020, 3, 31, 14), kind=MeetingKind.EXCHANGE)

    html = page_text(client_for(ROLE_ACTEURS).get("/rencontres/"))

    upcoming, past = html.split("Rencontres passées")
    assert upcoming.index("Bientôt") < upcoming.index("Plus tard")
    assert past.index("Fin mars") < past.index("Mars Groupe") < past.index("Février")
    assert "jeudi 12 mars 2020" in past
    assert "14h00" in past
    assert "Groupe pilote" in past and "Clairval" in past
    assert "mardi 31 mars 2020" in past and "Rencontre d'échanges" in past


def test_a_meeting_page_shows_everything_written_about_the_meeting(client_for):
    practice = publish_practice(title="Un café des parents", slug="cafe")
    meeting = make_meeting(
        "Groupe pilote : formalisation",
        paris(2020, 3, 12, 14),
        end=paris(2020, 3, 12, 17),
        place="Fédération, Clairval",
        participants="Camille Roussel\nSamir Benali\n\n",
        agenda="<p>Le modèle de fiche</p>",
        notes="<p>Le groupe valide les rubriques.</p>",
        decisions="<ul><li>Le mémo devient obligatoire.</li></ul>",
        practices=[practice],
        next_steps=[("Document finalisé", "Coordination", date(2020, 5, 31)), ("Relire", "", None)],
    )

    response = client_for(ROLE_EDUCATION_NATIONALE).get(meeting.url)
    html = page_text(response)

    for text in (
        "Groupe pilote : formalisation",
        "jeudi 12 mars 2020, 14h00 – 17h00",
        "Fédération, Clairval",
        "Participants (2)",
        "Camille Roussel",
        "Samir Benali",
        "Le modèle de fiche",
        "Le groupe valide les rubriques.",
        "Le mémo devient obligatoire.",
        "Document finalisé",
        "pour le 31 mai 2020",
        "sans date",
    ):
        assert text in html, text
    assert f'href="{practice.url}"' in response.content.decode()
    assert "Un café des parents" in html


@pytest.mark.parametrize("url", ["/rencontres/", "/quoi-de-neuf/", "meeting"])
def test_anonymous_visitors_are_sent_to_the_login_page(url, client):
    meeting = make_meeting("Point d'étape", paris(2020, 3, 2, 14), participants="Camille")
    response = client.get(meeting.url if url == "meeting" else url)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_the_main_navigation_offers_meetings_and_news_to_members_only(client, client_for):
    assert "Quoi de neuf" not in client.get("/pratiques/").content.decode()
    html = client_for(ROLE_ACTEURS).get("/pratiques/").content.decode()
    assert 'href="/rencontres/"' in html and 'href="/quoi-de-neuf/"' in html


def meeting_form_data(title: str = "Groupe pilote de décembre") -> dict:
    return nested_form_data(
        {
            "title": title,
            "slug": "groupe-pilote-de-decembre",
            "start": "2026-12-03 14:00",
            "end": "",
            "kind": MeetingKind.PILOT_GROUP,
            "place": "Centre social Simone Veil",
            "participants": "Camille\nSamir",
            "agenda": rich_text("<p>Les fiches de l'hiver</p>"),
            "notes": rich_text(""),
            "decisions": rich_text(""),
            "presented_practices": inline_formset([]),
            "next_steps": inline_formset(
                [{"what": "Envoyer le compte rendu", "who": "Samir", "due": "2026-12-10"}]
            ),
            "comments": inline_formset([]),
            "action-publish": "publish",
        }
    )


@pytest.mark.parametrize("role", [ROLE_COORDINATION, ROLE_CENTRES_SOCIAUX])
def test_the_coordination_and_social_centres_write_meetings_in_the_admin(role, client_for):
    url = reverse(
        "wagtailadmin_pages:add", args=("meetings", "meetingpage", ensure_meeting_index().pk)
    )
    response = client_for(role).post(url, meeting_form_data())
    assert response.status_code == 302
    meeting = MeetingPage.objects.get(slug="groupe-pilote-de-decembre")
    assert meeting.next_steps.get().who == "Samir"


def test_the_coordination_publishes_a_meeting_and_members_read_it(client_for):
    url = reverse(
        "wagtailadmin_pages:add", args=("meetings", "meetingpage", ensure_meeting_index().pk)
    )
    client_for(ROLE_COORDINATION).post(url, meeting_form_data())
    meeting = MeetingPage.objects.get(slug="groupe-pilote-de-decembre")
    assert meeting.live
    html = page_text(client_for(ROLE_ACTEURS).get("/rencontres/"))
    assert "jeudi 3 décembre 2026" in html and "Groupe pilote de décembre" in html


@pytest.mark.parametrize("role", [ROLE_EDUCATION_NATIONALE, ROLE_ACTEURS])
def test_schools_and_neighbourhood_actors_cannot_write_a_meeting(role, client_for):
    client = client_for(role)
    url = reverse(
        "wagtailadmin_pages:add", args=("meetings", "meetingpage", ensure_meeting_index().pk)
    )
    assert client.get(url).status_code in (302, 403)
    client.post(url, meeting_form_data())
    assert not MeetingPage.objects.filter(slug="groupe-pilote-de-decembre").exists()


def test_a_social_centre_member_edits_a_meeting_the_coordination_wrote(client_for):
    meeting = make_meeting("Point d'étape", paris(2020, 3, 2, 14))
    response = client_for(ROLE_CENTRES_SOCIAUX).get(
        reverse("wagtailadmin_pages:edit", args=(meeting.pk,))
    )
    assert response.status_code == 200
    assert "Suites à donner" in response.content.decode()


def test_a_meeting_ending_before_it_starts_is_refused(client_for):
    url = reverse(
        "wagtailadmin_pages:add", args=("meetings", "meetingpage", ensure_meeting_index().pk)
    )
    data = meeting_form_data()
    data["end"] = "2026-12-03 12:00"
    response = client_for(ROLE_COORDINATION).post(url, data)
    assert "La fin doit venir après le début." in response.content.decode()
    assert not MeetingPage.objects.exists()


class MeetingTreeRules(WagtailPageTestCase):
    def test_meetings_live_only_in_the_meeting_list(self):
        self.assertAllowedParentPageTypes(MeetingPage, {MeetingIndexPage})
        self.assertAllowedSubpageTypes(MeetingIndexPage, {MeetingPage})
        self.assertAllowedSubpageTypes(MeetingPage, set())
        self.assertCanNotCreateAt(HomePage, MeetingPage)
        self.assertCanNotCreateAt(PracticeIndexPage, MeetingPage)
