"""Comparing two saved versions of a practice: which sections changed, and which words."""

import re
from dataclasses import replace

import pytest

from tests.factories import publish_practice
from wiki.exchange.data import Difficulty, Step
from wiki.exchange.pages import fill_page, page_to_data
from wiki.section_diff import compare_practices, describe_changes

pytestmark = pytest.mark.django_db

DIFFICULTIES = [
    Difficulty("Les enseignants ne répondent pas", "<p>Passer par la direction.</p>"),
    Difficulty("Personne ne vient la première fois", "<p>Inviter par le cahier de liaison.</p>"),
    Difficulty("Le créneau change chaque mois", "<p>Fixer un jour dans le projet.</p>"),
]


def practice_with_two_versions(**changes):
    """A published practice, then a second revision saved with `changes` to its content."""
    page = publish_practice(difficulties=DIFFICULTIES)
    first = page.get_latest_revision()
    data = page_to_data(first.as_object())
    editable = page.get_latest_revision_as_object()
    fill_page(editable, replace(data, **changes))
    second = editable.save_revision()
    return first, second


def changes_between(first, second):
    return compare_practices(page_to_data(first.as_object()), page_to_data(second.as_object()))


def test_one_difficulty_inserted_in_the_middle_reads_as_one_added():
    inserted = Difficulty("Les familles ne lisent pas les mots", "<p>Les appeler.</p>")
    first, second = practice_with_two_versions(
        difficulties=[DIFFICULTIES[0], inserted, *DIFFICULTIES[1:]]
    )

    changes = changes_between(first, second)

    assert describe_changes(changes) == "Difficultés et réponses : 1 ajoutée"
    assert changes[0].counts.added == 1
    assert "Les familles ne lisent pas les mots" in changes[0].blocks[0].html


def test_editing_a_step_text_reads_as_one_step_changed_with_words_struck_and_added():
    first, second = practice_with_two_versions(
        steps=[
            Step("Prendre rendez-vous", "<p>Avec la directrice, par téléphone.</p>"),
            Step("Se présenter", ""),
        ]
    )

    changes = changes_between(first, second)

    assert describe_changes(changes) == "Les étapes : 1 modifiée"
    html = changes[0].blocks[0].html
    assert re.search(r"<del>.*direction\..*</del>", html)
    assert re.search(r"<ins>.*directrice, par téléphone\..*</ins>", html)
    assert "retiré" in html and "ajouté" in html  # said in words, not only in colour


def test_unchanged_sections_are_left_out():
    first, second = practice_with_two_versions(memo=["Prévenir la direction", "Apporter du café"])

    changes = changes_between(first, second)

    assert [change.key for change in changes] == ["memo"]
    assert changes[0].summary == "1 modifié"


def test_two_identical_versions_have_no_change():
    first, second = practice_with_two_versions()

    assert changes_between(first, second) == []


def test_sections_come_in_the_order_of_the_template():
    first, second = practice_with_two_versions(
        memo=["Prévenir la direction"],
        context="<p>Le quartier ne connaissait pas le centre social.</p>",
        title="Un nouveau titre",
    )

    assert [change.label for change in changes_between(first, second)] == [
        "Titre",
        "Le point de départ",
        "Mémo : à ne pas oublier",
    ]


def test_removed_and_reordered_items_are_counted_apart():
    first, second = practice_with_two_versions(difficulties=[DIFFICULTIES[2], DIFFICULTIES[0]])

    (change,) = changes_between(first, second)

    assert change.summary == "1 retirée, ordre changé"
    assert change.counts.removed == 1


def test_only_moving_items_reads_order_changed():
    first, second = practice_with_two_versions(difficulties=list(reversed(DIFFICULTIES)))

    (change,) = changes_between(first, second)

    assert change.summary == "ordre changé"
    assert change.counts.added == change.counts.changed == change.counts.removed == 0


def test_a_text_section_added_reads_added_and_facts_name_the_facet():
    first, second = practice_with_two_versions(
        what_worked="", themes=["aller-vers-l-ecole", "communiquer"]
    )
    third_data = replace(page_to_data(second.as_object()), what_worked="<p>Le goûter.</p>")

    changes = compare_practices(page_to_data(second.as_object()), third_data)
    earlier = changes_between(first, second)

    assert describe_changes(changes) == "Ce qui a marché : ajouté"
    assert describe_changes(earlier) == (
        "La fiche d'identité : thèmes modifiés ; Ce qui a marché : retiré"
    )
    assert "Communiquer et se comprendre" in earlier[0].blocks[0].html


def test_list_items_in_rich_text_keep_their_line_breaks():
    first, second = practice_with_two_versions(
        ingredients="<p>Il faut :</p><ul><li>deux animatrices</li><li>une salle</li></ul>"
    )

    (change,) = changes_between(first, second)

    assert change.blocks[0].html.count("<p>") == 3
    assert "<ul>" not in change.blocks[0].html
