"""Members comment on a practice's sections from the practice page itself.

The comments are Wagtail's own (`wagtail.models.Comment`), so editors find them in the page
editor beside the section's field; visitors never see them.
"""

import json
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Comment, CommentReply, PageSubscription
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from tests.factories import make_user, publish_practice
from tests.wiki.admin_forms import practice_form_data
from wiki.meetings.whats_new import whats_new
from wiki.models import PracticePage
from wiki.review.workflow import submit_for_review
from wiki.vocabulary import (
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

pytestmark = pytest.mark.django_db

URL = "/pratiques/cafe-des-parents/"
COMMENT_URL = URL + "commentaires/"


@pytest.fixture
def practice():
    return publish_practice(title="Un café des parents", slug="cafe-des-parents")


def page_text(response) -> str:
    return " ".join(strip_tags(response.content.decode()).replace("&#x27;", "'").split())


def section_html(response, heading_id: str) -> str:
    """The HTML of the `<section>` whose heading has this id."""
    html = response.content.decode()
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def comment(client, text: str, section: str = "difficulties", **extra):
    return client.post(COMMENT_URL, {"section": section, "text": text, **extra})


def test_a_neighbourhood_actor_comments_on_difficulties(client_for, practice, role_users):
    response = comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")

    [created] = Comment.objects.all()
    assert response.status_code == 302
    assert response["Location"] == f"{URL}#commentaire-{created.pk}"
    assert created.page_id == practice.pk
    assert created.user == role_users[ROLE_ACTEURS]
    assert created.contentpath == "difficulties"
    assert created.position == ""
    assert created.revision_created_id == practice.latest_revision_id
    assert created.resolved_at is None


def test_the_comment_shows_under_its_section_for_members(client_for, practice):
    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")

    response = client_for(ROLE_CENTRES_SOCIAUX).get(URL)
    difficulties = section_html(response, "difficultes")
    assert "Et quand la directrice ne répond pas ?" in difficulties
    assert "Commentaires des membres (1)" in difficulties
    assert "Et quand la directrice" not in section_html(response, "point-de-depart")


def test_a_comment_is_shown_as_plain_text(client_for, practice):
    comment(client_for(ROLE_ACTEURS), "<script>alert(1)</script>\nDeux lignes")

    html = client_for(ROLE_ACTEURS).get(URL).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>Deux lignes" in html


def test_every_section_offers_a_comment_form_to_members(client_for, practice):
    html = client_for(ROLE_EDUCATION_NATIONALE).get(URL).content.decode()
    for key in ["context", "objectives", "steps", "difficulties", "memo", "resources"]:
        assert f'<input type="hidden" name="section" value="{key}">' in html
    assert "Commenter le titre ou le résumé" in html


def test_the_editor_of_the_practice_holds_the_comment_beside_the_list(client_for, practice):
    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")

    response = client_for(ROLE_COORDINATION).get(
        reverse("wagtailadmin_pages:edit", args=(practice.pk,))
    )
    html = response.content.decode()
    data = json.loads(
        re.search(r'<script id="comments-data" type="application/json">(.*?)</script>', html)[1]
    )
    [shown] = data["comments"]
    assert (shown["text"], shown["contentpath"]) == (
        "Et quand la directrice ne répond pas ?",
        "difficulties",
    )
    assert data["authors"][str(shown["user"])]["name"]
    # Wagtail anchors a comment beside the element carrying its content path.
    assert 'data-contentpath="difficulties"' in html


def test_the_editor_saves_the_page_with_a_reply_to_a_comment_of_several_lines(
    client_for, practice, role_users
):
    comment(client_for(ROLE_ACTEURS), "Ligne une\r\nLigne deux")
    thread = Comment.objects.get()
    # What Wagtail's editor posts: every open comment as it holds it, here with a reply.
    editor_comment = {
        "id": thread.pk,
        "contentpath": thread.contentpath,
        "text": "Ligne une\r\nLigne deux",
        "position": "",
        "resolved": "",
        "replies": inline_formset([{"id": "", "text": "Bien vu."}]),
    }
    data = practice_form_data(title=practice.title, slug=practice.slug)
    data.update(nested_form_data({"comments": inline_formset([editor_comment], initial=1)}))

    response = client_for(ROLE_COORDINATION).post(
        reverse("wagtailadmin_pages:edit", args=(practice.pk,)), data
    )

    assert response.status_code == 302
    assert [reply.text for reply in CommentReply.objects.filter(comment=thread)] == ["Bien vu."]
    assert Comment.objects.get(pk=thread.pk).text == "Ligne une\r\nLigne deux"


def test_a_comment_made_in_the_editor_on_a_field_shows_under_its_section(
    client_for, practice, role_users
):
    Comment.objects.create(
        page=practice, user=role_users[ROLE_COORDINATION], text="Date ?", contentpath="context"
    )
    response = client_for(ROLE_ACTEURS).get(URL)
    assert "Date ?" in section_html(response, "point-de-depart")


def test_comments_on_other_fields_are_listed_at_the_end(client_for, practice, role_users):
    Comment.objects.create(
        page=practice, user=role_users[ROLE_COORDINATION], text="Quel thème ?", contentpath="themes"
    )
    text = page_text(client_for(ROLE_ACTEURS).get(URL))
    assert "Autres commentaires sur la fiche (1)" in text
    assert "Thèmes Quel thème ?" in text


def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_is_created(client, practice):
    response = comment(client, "Je ne suis pas connecté")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")
    assert not Comment.objects.exists()


def test_a_signed_in_person_without_a_role_is_refused(client, practice):
    client.force_login(make_user("sans-role"))

    assert comment(client, "Bonjour").status_code == 403
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   ", "Votre commentaire est vide"),
        ("a" * 2001, "Votre commentaire fait 2001 caractères : raccourcissez-le"),
    ],
)
def test_an_empty_or_too_long_comment_is_refused_in_french_and_kept(
    client_for, practice, text, message
):
    response = comment(client_for(ROLE_ACTEURS), text)

    assert response.status_code == 200
    difficulties = section_html(response, "difficultes")
    assert message in difficulties
    assert f">{text}</textarea>" in difficulties
    assert '<details class="comment-new" id="commenter-difficulties" open>' in difficulties
    assert not Comment.objects.exists()


def test_line_breaks_count_as_one_character(client_for, practice):
    # 1,999 characters as the text area counts them, 2,018 as the browser sends them.
    text = ("a" * 99 + "\r\n") * 20

    assert comment(client_for(ROLE_ACTEURS), text.strip()).status_code == 302
    assert Comment.objects.get().text.count("\r\n") == 19


def test_a_reply_creates_a_comment_reply(client_for, practice, role_users):
    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")
    thread = Comment.objects.get()

    response = client_for(ROLE_CENTRES_SOCIAUX).post(
        COMMENT_URL, {"reply_to": thread.pk, "text": "Passer par la mairie."}
    )

    [reply] = CommentReply.objects.all()
    assert response["Location"] == f"{URL}#reponse-{reply.pk}"
    assert (reply.comment, reply.user) == (thread, role_users[ROLE_CENTRES_SOCIAUX])
    difficulties = section_html(client_for(ROLE_ACTEURS).get(URL), "difficultes")
    assert "Passer par la mairie." in difficulties


def test_an_empty_reply_is_refused_under_its_comment(client_for, practice):
    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")
    thread = Comment.objects.get()

    response = client_for(ROLE_ACTEURS).post(COMMENT_URL, {"reply_to": thread.pk, "text": ""})

    assert f'<details class="comment__answer" id="repondre-{thread.pk}" open>' in (
        response.content.decode()
    )
    assert "Votre commentaire est vide" in page_text(response)
    assert not CommentReply.objects.exists()


def test_no_reply_to_a_resolved_comment(client_for, practice, role_users):
    thread = Comment.objects.create(
        page=practice,
        user=role_users[ROLE_ACTEURS],
        text="Réglé",
        contentpath="memo_items",
        resolved_at=timezone.now(),
    )
    response = client_for(ROLE_ACTEURS).post(COMMENT_URL, {"reply_to": thread.pk, "text": "Et ?"})

    assert response.status_code == 200
    assert not CommentReply.objects.exists()


def test_resolved_comments_are_not_shown(client_for, practice, role_users):
    Comment.objects.create(
        page=practice,
        user=role_users[ROLE_ACTEURS],
        text="Déjà réglé",
        contentpath="difficulties",
        resolved_at=timezone.now(),
    )
    response = client_for(ROLE_ACTEURS).get(URL)
    assert "Déjà réglé" not in response.content.decode()
    assert "Commentaires des membres" not in response.content.decode()


def test_an_education_member_comments_while_the_practice_is_in_review(
    client_for, practice, role_users
):
    practice.save_revision(user=role_users[ROLE_CENTRES_SOCIAUX])
    submit_for_review(practice, role_users[ROLE_CENTRES_SOCIAUX])
    assert PracticePage.objects.get(pk=practice.pk).workflow_in_progress

    response = comment(client_for(ROLE_EDUCATION_NATIONALE), "Relu : il manque la date.", "steps")

    assert response.status_code == 302
    created = Comment.objects.get()
    assert (created.user, created.contentpath) == (role_users[ROLE_EDUCATION_NATIONALE], "steps")
    # Made on the version under review, which is the one editors open.
    assert (
        created.revision_created_id == PracticePage.objects.get(pk=practice.pk).latest_revision_id
    )


def test_visitors_never_see_comments_or_their_authors(client, client_for, practice, role_users):
    role_users[ROLE_ACTEURS].first_name = "Louise"
    role_users[ROLE_ACTEURS].save()
    comment(client_for(ROLE_ACTEURS), "Remarque interne")
    client.logout()

    html = client.get(URL).content.decode()
    assert "Remarque interne" not in html
    assert "Louise" not in html
    assert "Commenter" not in html
    assert "comments.css" not in html


def test_the_comments_appear_in_whats_new_with_their_section(client_for, practice):
    since = timezone.now() - timedelta(seconds=1)
    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")
    comment(client_for(ROLE_ACTEURS), "Une case pour la date", section="memo")
    thread = Comment.objects.get(contentpath="difficulties")
    client_for(ROLE_COORDINATION).post(COMMENT_URL, {"reply_to": thread.pk, "text": "Mairie."})

    listed = {(item.text, item.section, item.is_reply) for item in whats_new(since).comments}
    assert listed == {
        ("Et quand la directrice ne répond pas ?", "Difficultés et réponses", False),
        ("Une case pour la date", "Mémo : à ne pas oublier", False),
        ("Mairie.", "Difficultés et réponses", True),
    }


# Notifications


def test_subscribers_and_the_owner_are_told_of_a_new_comment(client_for, practice, role_users):
    owner = role_users[ROLE_CENTRES_SOCIAUX]
    PracticePage.objects.filter(pk=practice.pk).update(owner=owner)
    PageSubscription.objects.create(
        page=practice, user=role_users[ROLE_COORDINATION], comment_notifications=True
    )
    PageSubscription.objects.create(
        page=practice, user=role_users[ROLE_EDUCATION_NATIONALE], comment_notifications=False
    )

    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")

    assert sorted(message.to[0] for message in mail.outbox) == [
        "coord@example.org",
        "csx@example.org",
    ]
    message = mail.outbox[0]
    assert message.subject == "Nouveau commentaire sur « Un café des parents »"
    assert "a commenté la section « Difficultés et réponses »" in message.body
    assert "Et quand la directrice ne répond pas ?" in message.body
    assert f"{URL}#commentaire-" in message.body


def test_the_author_of_a_comment_hears_of_replies_but_not_of_their_own(client_for, practice):
    comment(client_for(ROLE_ACTEURS), "Et quand la directrice ne répond pas ?")
    assert mail.outbox == []  # nobody follows the practice's comments yet
    thread = Comment.objects.get()

    client_for(ROLE_CENTRES_SOCIAUX).post(
        COMMENT_URL, {"reply_to": thread.pk, "text": "Passer par la mairie."}
    )

    [message] = mail.outbox
    assert message.to == ["acteur@example.org"]
    assert message.subject == "Nouvelle réponse sur « Un café des parents »"
    assert "Passer par la mairie." in message.body


# Cost


def add_comments(page, users, count: int) -> None:
    for number in range(count):
        created = Comment.objects.create(
            page=page, user=users[number % len(users)], text=f"N° {number}", contentpath="steps"
        )
        for user in users:
            CommentReply.objects.create(comment=created, user=user, text="Réponse")


def queries(client) -> int:
    client.get(URL)  # the site's root paths are cached by the first request
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    return len(captured)


def test_a_page_with_many_comments_costs_what_a_page_with_one_costs(
    client_for, practice, role_users, django_assert_max_num_queries
):
    users = list(role_users.values())
    add_comments(practice, users, 1)
    client = client_for(ROLE_ACTEURS)
    with_one = queries(client)
    add_comments(practice, users, 12)
    Comment.objects.create(page=practice, user=users[0], text="Thème ?", contentpath="themes")

    assert queries(client) == with_one
    # A member's page: the page, the session, the follow button, Wagtail's user bar, and
    # three for the comments (is the reader a member, the comments, their replies).
    with django_assert_max_num_queries(35):
        client.get(URL)


def test_comments_cost_visitors_nothing(client, practice, role_users):
    without_comments = queries(client)
    add_comments(practice, list(role_users.values()), 3)

    assert queries(client) == without_comments
