"""Test data built through the same path as real content: PracticeData, then save_practice."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wiki.exchange.data import Difficulty, PracticeData, Quote, Resource, Step
from wiki.exchange.pages import save_practice
from wiki.models import PracticeIndexPage, PracticePage
from wiki.site_structure import ensure_site_structure


class PracticeDataFactory(factory.Factory):
    class Meta:
        model = PracticeData

    title = factory.Sequence(lambda n: f"Pratique numéro {n}")
    slug = factory.Sequence(lambda n: f"pratique-numero-{n}")
    summary = "Une pratique pour que l'école et le centre social travaillent ensemble."
    themes = factory.LazyFunction(lambda: ["aller-vers-l-ecole"])
    audience = factory.LazyFunction(lambda: ["csx", "en"])
    stage = "premier-contact"
    levels = factory.LazyFunction(lambda: ["elementaire"])
    structure = "Centre social des Tilleuls"
    territory = "Quartier Nord, Villeneuve"
    partners = factory.LazyFunction(lambda: ["École Jules Ferry"])
    context = "<p>Le REP du quartier ne connaissait pas le centre social.</p>"
    objectives = "<p>Se faire connaître de l'équipe enseignante.</p>"
    ingredients = "<p>Deux animatrices, une heure.</p>"
    what_worked = "<p>La régularité.</p>"
    steps = factory.LazyFunction(
        lambda: [Step("Prendre rendez-vous", "<p>Avec la direction.</p>"), Step("Se présenter", "")]
    )
    difficulties = factory.LazyFunction(
        lambda: [Difficulty("Les enseignants ne répondent pas", "<p>Passer par la direction.</p>")]
    )
    memo = factory.LazyFunction(lambda: ["Prévenir la direction", "Laisser des plaquettes"])
    quotes = factory.LazyFunction(lambda: [Quote("On ne savait pas.", "une enseignante")])
    resources = factory.LazyFunction(
        lambda: [Resource("Plaquette", "https://example.org/plaquette.pdf")]
    )


def practice_index() -> PracticeIndexPage:
    return PracticeIndexPage.objects.child_of(ensure_site_structure()).get()


def publish_practice(user=None, **overrides) -> PracticePage:
    data = PracticeDataFactory(**overrides)
    save_practice(data, practice_index(), user)
    return PracticePage.objects.get(slug=data.slug)


def make_draft(user=None, **overrides) -> PracticePage:
    """A practice that has never been published, as an editor leaves it after "Enregistrer"."""
    from wiki.exchange.pages import fill_page

    page = PracticePage(live=False)
    fill_page(page, PracticeDataFactory(**overrides))
    practice_index().add_child(instance=page)
    page.save_revision(user=user)
    return page


def make_user(username: str, role: str | None = None, password: str | None = None, **extra):
    """A user (without a usable password unless given one), in `role`'s group."""
    user = get_user_model().objects.create_user(
        username=username, password=password, email=f"{username}@example.org", **extra
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user
