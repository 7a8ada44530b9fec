"""The demo's spring 2020 calendar, loaded by `load_demo` with the rest of the demo."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Revision

from wiki.meetings.models import MeetingKind, MeetingNextStep, MeetingPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_holds_the_spring_2020_calendar(demo):
    meetings = MeetingPage.objects.live().order_by("start")
    calendar = [(timezone.localtime(meeting.start).date(), meeting.kind) for meeting in meetings]
    assert calendar == [
        (date(2020, 3, 2), MeetingKind.TEAM),
        (date(2020, 3, 9), MeetingKind.TEAM),
        (date(2020, 3, 12), MeetingKind.PILOT_GROUP),
        (date(2020, 3, 16), MeetingKind.TEAM),
        (date(2020, 3, 20), MeetingKind.PILOT_GROUP),
        (date(2020, 3, 26), MeetingKind.TEAM),
        (date(2020, 3, 31), MeetingKind.EXCHANGE),
    ]
    assert "formalisation" in meetings[2].title.lower()
    assert "prépa animation" in meetings[4].title.lower()
    assert MeetingNextStep.objects.filter(
        due=date(2020, 5, 31), what__icontains="finalisé"
    ).exists()
    for meeting in meetings:
        assert meeting.presented_practices.exists(), meeting.title
        assert meeting.participant_list and meeting.agenda and meeting.notes, meeting.title


def test_loading_the_demo_twice_adds_no_meeting_and_no_revision(demo):
    counts = (MeetingPage.objects.count(), Revision.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (MeetingPage.objects.count(), Revision.objects.count()) == counts


def test_every_demo_meeting_answers_to_a_member(demo, client):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="ecole"))
    assert client.get("/rencontres/").status_code == 200
    for meeting in MeetingPage.objects.all():
        assert client.get(meeting.url).status_code == 200, meeting.url
    assert client.get("/quoi-de-neuf/").status_code == 200
