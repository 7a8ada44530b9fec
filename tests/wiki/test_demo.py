"""The demo content: loaded through the real import, idempotent, every page answers."""

import io

import pytest
from django.core.management import call_command

from wiki.models import GlossaryTerm, PracticePage, Stage, Theme
from wiki.vocabulary import AUDIENCES, BODY_SECTIONS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=io.StringIO())


def test_the_demo_covers_every_theme_stage_and_audience(demo):
    practices = PracticePage.objects.live()
    assert practices.count() >= 18
    for theme in Theme.objects.all():
        assert theme.practices.live().exists(), theme.slug
    for stage in Stage.objects.all():
        assert stage.practices.live().exists(), stage.slug
    for slug, _label in AUDIENCES:
        assert practices.filter(audiences__slug=slug).exists(), slug
    terms = set(GlossaryTerm.objects.values_list("term", flat=True))
    assert len(terms) >= 25
    assert {"REP", "REP+", "IEN", "DASEN", "CPE", "CLAS", "PEDT", "PRE", "ATSEM", "AESH"} <= terms


def test_loading_the_demo_twice_changes_nothing(demo):
    revisions = {page.pk: page.revisions.count() for page in PracticePage.objects.all()}
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "0 créée(s), 0 mise(s) à jour" in out.getvalue()
    assert {page.pk: page.revisions.count() for page in PracticePage.objects.all()} == revisions


def test_every_demo_page_answers_in_french(demo, client):
    urls = ["/", "/pratiques/", "/themes/", "/glossaire/"]
    urls += [theme.url for theme in Theme.objects.all()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="fr">' in response.content.decode()
    for page in PracticePage.objects.live():
        html = client.get(page.url).content.decode().replace("&#x27;", "'")
        required = [section.label for section in BODY_SECTIONS if section.required]
        for label in required:
            assert label in html, (page.slug, label)
        assert client.get(page.url + "historique/").status_code == 200


def test_the_home_page_says_what_the_tool_is_for(demo, client):
    html = client.get("/").content.decode()
    for heading in (
        "À quoi cela peut servir",
        "À quoi cela peut me servir",
        "À quoi je peux servir",
    ):
        assert heading in html


def test_the_demo_prints_one_account_per_role(demo, client):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    for role in ("Coordination", "Centres sociaux", "Éducation nationale", "Acteurs du quartier"):
        assert role in out.getvalue()
    assert client.login(username="coordination", password="coordination-demo-2026")
