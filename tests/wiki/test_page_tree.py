"""Where each page type may live, and the tree that exists right after `migrate`."""

import pytest
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase

from wiki.models import (
    GlossaryPage,
    HomePage,
    PracticeIndexPage,
    PracticePage,
    Stage,
    Theme,
    ThemeIndexPage,
)


class PageTreeRules(WagtailPageTestCase):
    def test_a_practice_lives_only_in_the_practice_list(self):
        self.assertAllowedParentPageTypes(PracticePage, {PracticeIndexPage})
        self.assertAllowedSubpageTypes(PracticePage, set())

    def test_the_home_page_holds_the_three_sections(self):
        self.assertAllowedSubpageTypes(HomePage, {PracticeIndexPage, ThemeIndexPage, GlossaryPage})
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_the_practice_list_holds_only_practices(self):
        self.assertAllowedSubpageTypes(PracticeIndexPage, {PracticePage})
        self.assertCanNotCreateAt(HomePage, PracticePage)


@pytest.mark.django_db
def test_migrate_leaves_the_tree_the_taxonomy_and_the_roles():
    home = Site.objects.get(is_default_site=True).root_page.specific
    assert isinstance(home, HomePage)
    assert sorted(page.url_path for page in home.get_children()) == [
        "/accueil/glossaire/",
        "/accueil/pratiques/",
        "/accueil/rencontres/",
        "/accueil/themes/",
    ]
    assert Theme.objects.count() == 9
    assert list(Stage.objects.values_list("slug", flat=True)) == [
        "premier-contact",
        "cooperation-ponctuelle",
        "partenariat-installe",
    ]
    from django.contrib.auth.models import Group

    assert {"Coordination", "Centres sociaux", "Éducation nationale", "Acteurs du quartier"} <= set(
        Group.objects.values_list("name", flat=True)
    )
