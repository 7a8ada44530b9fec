""" "Quoi de neuf": what changed on the wiki between two dates, by `whats_new` and over HTTP."""

from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from wagtail.models import Comment, CommentReply, PageLogEntry, Revision

from tests.factories import make_draft, practice_index, publish_practice
from tests.meetings.factories import make_meeting
from wiki.exchange.data import Difficulty
from wiki.exchange.pages import page_to_data, save_practice
from wiki.meetings.whats_new import whats_new
from wiki.models import GlossaryTerm, PracticePage
from wiki.revisions import practice_data
from wiki.vocabulary import ROLE_ACTEURS, ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).replace("&#x27;", "'").split())


def add_difficulty(slug: str, user=None, **overrides) -> PracticePage:
    """A new published revision of the practice, with one more difficulty."""
    page = PracticePage.objects.get(slug=slug)
    data = page_to_data(page.get_latest_revision_as_object())
    data = replace(
        data,
        difficulties=[*data.difficulties, Difficulty("Personne ne vient", "<p>Relancer.</p>")],
        **overrides,
    )
    save_practice(data, practice_index(), user)
    return PracticePage.objects.get(slug=slug)


def move_back_in_time(page: PracticePage, delta: timedelta) -> None:
    """Pretend everything that happened to the page so far happened `delta` earlier."""
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        revision.created_at -= delta
        revision.save(update_fields=["created_at"])
    PracticePage.objects.filter(pk=page.pk).update(
        first_published_at=page.first_published_at - delta,
        last_published_at=page.last_published_at - delta,
    )
    PageLogEntry.objects.filter(page=page).update(timestamp=page.first_published_at - delta)


@pytest.fixture
def since():
    """Some practices exist before the range starts; the range starts now."""
    publish_practice(title="Fiche ancienne", slug="ancienne")
    publish_practice(title="Fiche modifiée avant", slug="modifiee-avant")
    add_difficulty("modifiee-avant")
    return timezone.now()


def titles(items) -> list[str]:
    return [item.page.title for item in items]


def test_a_practice_published_after_since_is_listed_as_new(since):
    publish_practice(title="Fiche toute neuve", slug="neuve")
    news = whats_new(since)
    assert titles(news.new_practices) == ["Fiche toute neuve"]
    assert news.changed_practices == []


def test_a_practice_given_one_more_difficulty_says_which_section_changed(since, role_users):
    add_difficulty("ancienne", user=role_users[ROLE_CENTRES_SOCIAUX])
    news = whats_new(since)
    [changed] = news.changed_practices
    assert changed.page.title == "Fiche ancienne"
    assert changed.description == "Difficultés et réponses : 1 ajoutée"
    assert changed.changed_by == "csx"
    assert not changed.is_draft
    assert news.new_practices == []


def test_a_practice_changed_only_before_since_is_absent(since):
    news = whats_new(since)
    assert news.is_empty


def test_changes_are_counted_from_the_last_version_before_since(since):
    add_difficulty("ancienne")
    add_difficulty("ancienne", summary="Une autre phrase pour résumer.")
    [changed] = whats_new(since).changed_practices
    assert changed.description == ("En une phrase : modifié ; Difficultés et réponses : 2 ajoutées")


def test_an_unpublished_draft_is_listed_as_a_draft(since, role_users):
    make_draft(user=role_users[ROLE_CENTRES_SOCIAUX], title="Fiche en chantier", slug="chantier")
    page = PracticePage.objects.get(slug="ancienne")
    draft = page.get_latest_revision_as_object()
    draft.summary = "Une phrase retouchée, pas encore publiée."
    draft.save_revision()
    by_title = {item.page.title: item for item in whats_new(since).changed_practices}
    assert by_title["Fiche en chantier"].description == "Nouvelle fiche, pas encore publiée"
    assert by_title["Fiche ancienne"].is_draft
    assert by_title["Fiche ancienne"].description == "En une phrase : modifié"
    assert by_title["Fiche ancienne"].url == f"/pratiques/brouillons/{page.pk}/"


def test_a_glossary_term_added_is_listed(since):
    GlossaryTerm.objects.create(
        term="CESC", expansion="Comité d'éducation à la santé", definition="<p>…</p>", side="en"
    )
    assert [term.term for term in whats_new(since).glossary_terms] == ["CESC"]


def test_comments_and_replies_are_listed_with_the_practice_and_the_field(since, role_users):
    page = PracticePage.objects.get(slug="ancienne")
    comment = Comment.objects.create(
        page=page,
        user=role_users[ROLE_ACTEURS],
        text="Et si la directrice ne répond pas ?",
        contentpath="difficulties.1f2e.answer",
    )
    CommentReply.objects.create(
        comment=comment, user=role_users[ROLE_COORDINATION], text="On relance par la mairie."
    )
    comments = whats_new(since).comments
    assert [(item.text, item.is_reply) for item in comments] == [
        ("On relance par la mairie.", True),
        ("Et si la directrice ne répond pas ?", False),
    ]
    assert {item.page.title for item in comments} == {"Fiche ancienne"}
    assert {item.section for item in comments} == {"Difficultés et réponses"}


def test_a_practice_submitted_for_review_waits_with_its_current_step(since, role_users):
    page = make_draft(user=role_users[ROLE_CENTRES_SOCIAUX], title="Fiche proposée", slug="prop")
    state = page.get_workflow().start(page, role_users[ROLE_CENTRES_SOCIAUX])
    news = whats_new(since)
    [waiting] = news.awaiting_review
    assert waiting.page.pk == page.pk
    assert news.changed_practices == []  # said once, where it waits
    assert waiting.task == state.current_task_state.task.name != ""
    assert waiting.requested_by == "csx"


def test_whats_new_can_be_restricted_to_some_practices_or_themes(since):
    publish_practice(title="Sur les parents", slug="parents", themes=["parents-ecole"])
    publish_practice(title="Sur le réseau", slug="reseau", themes=["reseau-entraide"])
    add_difficulty("ancienne")
    ancienne = PracticePage.objects.get(slug="ancienne")

    by_page = whats_new(since, page_ids={ancienne.pk})
    assert titles(by_page.changed_practices) == ["Fiche ancienne"]
    assert by_page.new_practices == []
    by_theme = whats_new(since, theme_slugs={"parents-ecole"})
    assert titles(by_theme.new_practices) == ["Sur les parents"]
    assert by_theme.changed_practices == []
    both = whats_new(since, page_ids=[ancienne.pk], theme_slugs=["reseau-entraide"])
    assert titles(both.new_practices) == ["Sur le réseau"]
    assert titles(both.changed_practices) == ["Fiche ancienne"]


def test_revisions_read_in_bulk_give_the_same_data_as_wagtail(since):
    add_difficulty("ancienne", themes=["parents-ecole", "communiquer"], stage="")
    revisions = list(Revision.objects.filter(content_type__model="practicepage"))
    bulk = practice_data(revisions)
    for revision in revisions:
        assert bulk[revision.pk] == page_to_data(revision.as_object())


def comment_on(slug: str, user) -> None:
    page = PracticePage.objects.get(slug=slug)
    Comment.objects.create(page=page, user=user, text="Bravo", contentpath="summary")


def test_the_query_count_does_not_grow_with_the_number_of_changed_practices(
    role_users, django_assert_max_num_queries
):
    user = role_users[ROLE_ACTEURS]
    for number in range(6):
        publish_practice(slug=f"fiche-{number}")
    since = timezone.now()
    add_difficulty("fiche-0")
    comment_on("fiche-0", user)
    with CaptureQueriesContext(connection) as one_changed:
        whats_new(since)
    for number in range(1, 6):
        add_difficulty(f"fiche-{number}")
        comment_on(f"fiche-{number}", user)
    with django_assert_max_num_queries(len(one_changed)):
        news = whats_new(since)
    assert len(news.changed_practices) == 6
    assert len(news.comments) == 6
    assert len(one_changed) <= 20


# Over HTTP


def test_the_page_lists_what_happened_since_the_last_meeting(client_for):
    move_back_in_time(publish_practice(title="Fiche ancienne", slug="ancienne"), timedelta(days=30))
    make_meeting("Groupe pilote de la semaine dernière", timezone.now() - timedelta(days=7))
    add_difficulty("ancienne")
    html = page_text(client_for(ROLE_ACTEURS).get("/quoi-de-neuf/"))
    assert "depuis « Groupe pilote de la semaine dernière »" in html
    assert "Fiches modifiées (1)" in html
    assert "Difficultés et réponses : 1 ajoutée" in html
    assert "Imprimer" in html


def test_a_chosen_day_sets_the_start_of_the_range(client_for):
    practice = publish_practice(title="Fiche de l'an dernier", slug="an-dernier")
    move_back_in_time(practice, timedelta(days=300))
    client = client_for(ROLE_ACTEURS)
    recent = page_text(client.get("/quoi-de-neuf/"))
    assert "Fiche de l'an dernier" not in recent
    day = (timezone.localdate() - timedelta(days=400)).isoformat()
    chosen = page_text(client.get(f"/quoi-de-neuf/?depuis={day}"))
    assert "Fiche de l'an dernier" in chosen
    assert "Nouvelles fiches publiées (1)" in chosen


@pytest.mark.parametrize("bad", ["2026-13-45", "demain", "3000-01-01"])
def test_an_unreadable_or_future_date_says_so_and_falls_back_to_the_last_meeting(bad, client_for):
    make_meeting("Rencontre d'échanges de rentrée", timezone.now() - timedelta(days=10))
    html = page_text(client_for(ROLE_ACTEURS).get("/quoi-de-neuf/", {"depuis": bad}))
    assert f"La date « {bad} »" in html
    assert "Voici les nouveautés depuis la dernière rencontre." in html
    assert "depuis « Rencontre d'échanges de rentrée »" in html


def test_without_any_meeting_the_page_looks_back_thirty_days(client_for):
    html = page_text(client_for(ROLE_ACTEURS).get("/quoi-de-neuf/"))
    month_ago = timezone.localtime() - timedelta(days=30)
    assert f"Du {date_format(month_ago, 'l j F Y')} au" in html
    assert "aucune rencontre passée : les 30 derniers jours" in html


def test_a_meeting_page_shows_what_happened_since_the_previous_meeting(client_for):
    now = timezone.now()
    first = make_meeting("Première rencontre", now - timedelta(days=20))
    second = make_meeting("Deuxième rencontre", now - timedelta(days=5))
    third = make_meeting("Troisième rencontre", now + timedelta(days=5))
    between = publish_practice(title="Fiche entre les deux", slug="entre")
    move_back_in_time(between, timedelta(days=10))
    publish_practice(title="Fiche de cette semaine", slug="semaine")
    client = client_for(ROLE_ACTEURS)

    second_page = page_text(client.get(second.url))
    assert "depuis « Première rencontre »" in second_page
    assert "Fiche entre les deux" in second_page
    assert "Fiche de cette semaine" not in second_page

    third_page = page_text(client.get(third.url))
    assert "depuis « Deuxième rencontre »" in third_page
    assert "Fiche de cette semaine" in third_page
    assert "Fiche entre les deux" not in third_page

    assert "Rien de neuf sur cette période." in page_text(client.get(first.url))
