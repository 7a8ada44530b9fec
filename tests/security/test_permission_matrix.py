"""The roles × actions table, over HTTP: what each of the five roles may do beyond what
tests/wiki/test_permissions.py already checks (reading a draft, editing, publishing and
deleting a practice).

Each cell says how the site answers: OK (done or shown), LOGIN (the visitor is sent to the
sign-in page), DENIED (the admin sends the person back to its home page with a French
message). For a write, a refused request must also leave the database as it was, and an
allowed one must have changed it.

Commenting: Wagtail's comments are posted with the page's edit form, so only people who may
edit a page may comment on it. The spec lets the Éducation nationale and the neighbourhood
actors comment; Wagtail cannot, and this table records what is true.
"""

from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, Comment
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.factories import make_draft, make_user, publish_practice
from tests.guide.editions import make_edition
from tests.wiki.admin_forms import practice_form_data
from wiki.guide.models import GuideEdition
from wiki.meetings.site_structure import ensure_meeting_index
from wiki.models import GlossaryTerm, PracticePage, Theme
from wiki.review.workflow import REVIEW_TASK_NAME, submit_for_review
from wiki.vocabulary import (
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

pytestmark = pytest.mark.django_db

OK, LOGIN, DENIED = "OK", "LOGIN", "DENIED"
ROLES = [ROLE_COORDINATION, ROLE_CENTRES_SOCIAUX, ROLE_EDUCATION_NATIONALE, ROLE_ACTEURS, None]


@dataclass
class Action:
    label: str
    run: Callable  # (client, world) -> response
    changed: Callable | None = None  # (world) -> bool, for writes


def term_form(term="REP", expansion="Réseau d'éducation prioritaire"):
    return {
        "term": term,
        "expansion": expansion,
        "definition": rich_text("<p>Un réseau d'écoles.</p>"),
        "side": "en",
        "synonyms": "",
    }


def comment_form():
    data = practice_form_data(title="Brouillon de la Coordination", slug="brouillon-coordination")
    data.update(
        nested_form_data(
            {
                "comments": inline_formset(
                    [
                        {
                            "id": "",
                            "contentpath": "summary",
                            "text": "Et si on ajoutait la date ?",
                            "position": "",
                            "resolved": "",
                            "replies": inline_formset([]),
                        }
                    ]
                )
            }
        )
    )
    return data


def approve(client, world):
    task_state = PracticePage.objects.get(pk=world.proposed.pk).current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(world.proposed.pk, "approve", task_state.pk)
    )
    return client.post(url, {"comment": ""})


def review_step(world) -> str:
    return PracticePage.objects.get(pk=world.proposed.pk).current_workflow_task.name


def latest_summary(page) -> str:
    return PracticePage.objects.get(pk=page.pk).get_latest_revision_as_object().summary


def document_upload(client, world):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Compte rendu",
            "file": ContentFile(b"%PDF-1.4\n%%EOF\n", name="compte-rendu.pdf"),
            "collection": Collection.get_first_root_node().pk,
        },
    )


ACTIONS = {
    "list drafts": Action(
        "lire la liste des brouillons", lambda c, w: c.get("/pratiques/brouillons/")
    ),
    "whats new": Action("lire « quoi de neuf »", lambda c, w: c.get("/quoi-de-neuf/")),
    "compare versions": Action(
        "comparer deux versions d'une fiche",
        lambda c, w: c.get(f"/pratiques/{w.live.slug}/historique/comparer/"),
    ),
    "read meetings": Action("lire les rencontres", lambda c, w: c.get("/rencontres/")),
    "save another's practice": Action(
        "enregistrer la fiche d'un autre",
        lambda c, w: c.post(
            reverse("wagtailadmin_pages:edit", args=(w.draft.pk,)),
            practice_form_data(
                title="Brouillon de la Coordination",
                slug="brouillon-coordination",
                summary="Réécrit par quelqu'un d'autre.",
            ),
        ),
        lambda w: latest_summary(w.draft) == "Réécrit par quelqu'un d'autre.",
    ),
    "comment another's practice": Action(
        "commenter la fiche d'un autre",
        lambda c, w: c.post(reverse("wagtailadmin_pages:edit", args=(w.draft.pk,)), comment_form()),
        lambda w: Comment.objects.filter(text="Et si on ajoutait la date ?").exists(),
    ),
    "unpublish": Action(
        "dépublier une fiche",
        lambda c, w: c.post(reverse("wagtailadmin_pages:unpublish", args=(w.live.pk,))),
        lambda w: not PracticePage.objects.get(pk=w.live.pk).live,
    ),
    "approve another's review": Action(
        "approuver la relecture de la fiche d'un autre",
        approve,
        lambda w: review_step(w) != REVIEW_TASK_NAME,
    ),
    "open the meeting form": Action(
        "ouvrir le formulaire d'une rencontre",
        lambda c, w: c.get(
            reverse("wagtailadmin_pages:add", args=("meetings", "meetingpage", w.meetings.pk))
        ),
    ),
    "add a glossary term": Action(
        "ajouter un terme au glossaire",
        lambda c, w: c.post(
            reverse("wagtailsnippets_wiki_glossaryterm:add"), term_form("CLAS", "Contrat local")
        ),
        lambda w: GlossaryTerm.objects.filter(term="CLAS").exists(),
    ),
    "edit a glossary term": Action(
        "modifier un terme du glossaire",
        lambda c, w: c.post(
            reverse("wagtailsnippets_wiki_glossaryterm:edit", args=(w.term.pk,)),
            term_form(expansion="Autre chose"),
        ),
        lambda w: GlossaryTerm.objects.get(pk=w.term.pk).expansion == "Autre chose",
    ),
    "delete a glossary term": Action(
        "supprimer un terme du glossaire",
        lambda c, w: c.post(reverse("wagtailsnippets_wiki_glossaryterm:delete", args=(w.term.pk,))),
        lambda w: not GlossaryTerm.objects.filter(pk=w.term.pk).exists(),
    ),
    "rename a theme": Action(
        "renommer un thème",
        lambda c, w: c.post(
            reverse("wagtailsnippets_wiki_theme:edit", args=(w.theme.pk,)),
            {
                "title": "Un autre titre",
                "slug": w.theme.slug,
                "colour": w.theme.colour,
                "emoji": w.theme.emoji,
                "sort_order": w.theme.sort_order,
                "introduction": rich_text(w.theme.introduction),
            },
        ),
        lambda w: Theme.objects.get(pk=w.theme.pk).title == "Un autre titre",
    ),
    "list users": Action("voir les comptes", lambda c, w: c.get("/admin/users/")),
    "create a user": Action(
        "créer un compte",
        lambda c, w: c.post(
            reverse("wagtailusers_users:add"),
            {
                "username": "nouvelle",
                "email": "nouvelle@example.org",
                "first_name": "Nina",
                "last_name": "Nouvelle",
                "password1": "un-mot-de-passe-assez-long-2026",
                "password2": "un-mot-de-passe-assez-long-2026",
                "is_active": "on",
            },
        ),
        lambda w: get_user_model().objects.filter(username="nouvelle").exists(),
    ),
    "list guide editions": Action(
        "voir les éditions du guide", lambda c, w: c.get(reverse("guide_editions:list"))
    ),
    "start a guide edition": Action(
        "commencer une édition du guide", lambda c, w: c.get(reverse("guide_editions:add"))
    ),
    "curate a guide edition": Action(
        "composer une édition du guide",
        lambda c, w: c.get(reverse("guide_editions:edit", args=(w.edition.pk,))),
    ),
    "follow a guide edition": Action(
        "suivre la fabrication d'une édition",
        lambda c, w: c.get(reverse("guide_editions:status", args=(w.edition.pk,))),
    ),
    "publish a guide edition": Action(
        "publier une édition du guide",
        lambda c, w: c.post(reverse("guide_editions:publish", args=(w.edition.pk,))),
        lambda w: GuideEdition.objects.get(pk=w.edition.pk).is_published,
    ),
    "upload a document": Action(
        "ajouter un document",
        document_upload,
        lambda w: Document.objects.filter(title="Compte rendu").exists(),
    ),
    "delete another's document": Action(
        "supprimer le document d'un autre",
        lambda c, w: c.post(reverse("wagtaildocs:delete", args=(w.document.pk,))),
        lambda w: not Document.objects.filter(pk=w.document.pk).exists(),
    ),
    "delete another's image": Action(
        "supprimer l'image d'un autre",
        lambda c, w: c.post(reverse("wagtailimages:delete", args=(w.image.pk,))),
        lambda w: not Image.objects.filter(pk=w.image.pk).exists(),
    ),
}

C, CSX, EN, ACT = ROLE_COORDINATION, ROLE_CENTRES_SOCIAUX, ROLE_EDUCATION_NATIONALE, ROLE_ACTEURS
MEMBERS_ONLY = {C: OK, CSX: OK, EN: OK, ACT: OK, None: LOGIN}
COORDINATION_ONLY = {C: OK, CSX: DENIED, EN: DENIED, ACT: DENIED, None: LOGIN}
WRITERS = {C: OK, CSX: OK, EN: DENIED, ACT: DENIED, None: LOGIN}

MATRIX = {
    "list drafts": MEMBERS_ONLY,
    "whats new": MEMBERS_ONLY,
    "compare versions": MEMBERS_ONLY,
    "read meetings": MEMBERS_ONLY,
    "save another's practice": WRITERS,
    # Not what the spec wants for EN and Acteurs: see the module's docstring.
    "comment another's practice": WRITERS,
    "unpublish": COORDINATION_ONLY,
    "approve another's review": WRITERS,
    "open the meeting form": WRITERS,
    "add a glossary term": COORDINATION_ONLY,
    "edit a glossary term": COORDINATION_ONLY,
    "delete a glossary term": COORDINATION_ONLY,
    "rename a theme": COORDINATION_ONLY,
    "list users": COORDINATION_ONLY,
    "create a user": COORDINATION_ONLY,
    "list guide editions": COORDINATION_ONLY,
    "start a guide edition": COORDINATION_ONLY,
    "curate a guide edition": COORDINATION_ONLY,
    "follow a guide edition": COORDINATION_ONLY,
    "publish a guide edition": COORDINATION_ONLY,
    "upload a document": {C: OK, CSX: OK, EN: OK, ACT: DENIED, None: LOGIN},
    # Wagtail counts deleting a file as changing it: the social centres keep only "add", which
    # lets them change and delete their own uploads (wiki/security/migrations/0002).
    "delete another's document": COORDINATION_ONLY,
    "delete another's image": COORDINATION_ONLY,
}

CELLS = [(action, role) for action in MATRIX for role in ROLES]


@pytest.fixture
def world(role_users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    coordinator = role_users[ROLE_COORDINATION]
    author = make_user("autrice", ROLE_CENTRES_SOCIAUX)
    draft = make_draft(
        user=coordinator, title="Brouillon de la Coordination", slug="brouillon-coordination"
    )
    proposed = make_draft(user=author, title="Fiche proposée", slug="fiche-proposee")
    for page, owner in ((draft, coordinator), (proposed, author)):
        page.owner = owner
        page.save(update_fields=["owner"])
    submit_for_review(proposed, author)
    live = publish_practice(title="Fiche en ligne", slug="fiche-en-ligne")
    document = Document(title="Plaquette")
    document.file.save("plaquette.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    document.save()
    return SimpleNamespace(
        draft=draft,
        proposed=proposed,
        live=live,
        term=GlossaryTerm.objects.create(
            term="REP", expansion="Réseau", definition="<p>x</p>", side="en"
        ),
        theme=Theme.objects.get(slug="communiquer"),
        edition=make_edition([("parents-ecole", [live])]),
        document=document,
        image=Image.objects.create(title="Photo", file=get_test_image_file()),
        meetings=ensure_meeting_index(),
    )


def outcome(client, response) -> str:
    if response.status_code == 302 and response["Location"].startswith("/admin/login/"):
        return LOGIN
    if response.status_code == 403:
        return f"403 ({response.content.decode()[:80]})"
    if response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home"):
        home = client.get(response["Location"]).content.decode()
        assert "autorisations" in home or "Seule" in home, "refused without a French message"
        return DENIED
    if response.status_code in (200, 302):
        return OK
    return str(response.status_code)


@pytest.mark.parametrize(
    ("action", "role"), CELLS, ids=[f"{action}-{role or 'anonyme'}" for action, role in CELLS]
)
def test_role_and_action(action, role, client_for, world):
    step = ACTIONS[action]
    client = client_for(role)
    response = step.run(client, world)
    assert outcome(client, response) == MATRIX[action][role], step.label
    if step.changed is not None:
        assert step.changed(world) is (MATRIX[action][role] == OK), step.label


def test_a_social_centre_member_deletes_their_own_upload(
    client_for, role_users, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client = client_for(ROLE_CENTRES_SOCIAUX)
    document_upload(client, None)
    own = Document.objects.get(title="Compte rendu")
    assert own.uploaded_by_user == role_users[ROLE_CENTRES_SOCIAUX]
    client.post(reverse("wagtaildocs:delete", args=(own.pk,)))
    assert not Document.objects.filter(pk=own.pk).exists()
