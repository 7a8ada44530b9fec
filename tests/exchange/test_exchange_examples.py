"""The two shared example files read into the expected practices and survive a round trip."""

import pytest

from wiki.exchange import Difficulty, Quote, Resource, read_practice_file, render_practice

from .helpers import EXAMPLES, STAGE_SLUGS, THEME_SLUGS, parse

CAFE = EXAMPLES / "cafe-des-parents-a-la-sortie-de-l-ecole.md"
INTERLOCUTOR = EXAMPLES / "trouver-le-bon-interlocuteur-a-l-education-nationale.md"


def read(path):
    return read_practice_file(path, theme_slugs=THEME_SLUGS, stage_slugs=STAGE_SLUGS)


def test_cafe_example_reads_its_front_matter():
    practice = read(CAFE)

    assert practice.title == "Un café des parents à la sortie de l'école"
    assert practice.slug == "un-cafe-des-parents-a-la-sortie-de-l-ecole"
    assert practice.themes == ["parents-ecole", "aller-vers-l-ecole"]
    assert practice.audience == ["csx", "en", "acteurs"]
    assert practice.stage == "cooperation-ponctuelle"
    assert practice.levels == ["maternelle"]
    assert practice.structure == "Centre social Le Lavoir"
    assert practice.territory == "Quartier des Sablons, Saint-Aubin"
    assert practice.partners == [
        "École maternelle Les Coquelicots",
        "Association de parents d'élèves",
    ]


def test_cafe_example_reads_its_rich_sections_as_compact_html():
    practice = read(CAFE)

    assert practice.context.startswith("<p>Les familles nouvellement arrivées")
    assert practice.objectives == (
        "<ul><li>Créer un moment informel où parents, enseignants et animateurs se croisent.</li>"
        "<li>Faire connaître les activités du centre social aux familles de l'école.</li></ul>"
    )
    assert practice.ingredients.startswith("<p>Deux animatrices")
    assert practice.what_worked.startswith("<p>La régularité")


def test_cafe_example_reads_step_titles_and_texts():
    practice = read(CAFE)

    assert [step.title for step in practice.steps] == [
        "Proposer l'idée à la directrice",
        "Choisir le bon créneau",
        "Tenir le café toutes les semaines",
        "Faire un bilan au trimestre",
    ]
    assert practice.steps[1].text == (
        "<p>après la dépose du matin, quand les parents ne sont pas pressés.</p>"
    )


def test_cafe_example_reads_difficulties_without_the_answer_prefix():
    practice = read(CAFE)

    assert practice.difficulties == [
        Difficulty(
            question="Les enseignants ne voyaient pas l'intérêt du café",
            answer="<p>inviter une enseignante à passer cinq minutes par mois, sans obligation ; "
            "le bouche-à-oreille a fait le reste.</p>",
        ),
        Difficulty(
            question="Le café tombe à l'eau quand il pleut",
            answer="<p>la directrice a prêté le préau les jours de pluie, "
            "après un accord écrit.</p>",
        ),
    ]


def test_cafe_example_reads_memo_items_without_their_checkboxes():
    assert read(CAFE).memo == [
        "Obtenir l'accord écrit de la direction avant la première séance",
        "Prévenir la mairie si le café se tient sur la voie publique",
        "Noter chaque semaine le nombre de parents et leurs questions",
    ]


def test_cafe_example_reads_the_quote_and_who_said_it():
    assert read(CAFE).quotes == [
        Quote(
            text="Je ne savais pas à qui demander pour la cantine, maintenant je sais.",
            who="une maman, arrivée en septembre",
        )
    ]


def test_examples_read_their_resources():
    assert read(CAFE).resources == [
        Resource("Affiche du café des parents", "https://example.org/affiche-cafe.pdf")
    ]
    assert read(INTERLOCUTOR).resources == [
        Resource("Schéma des interlocuteurs", "https://example.org/schema-interlocuteurs.pdf")
    ]


def test_interlocutor_example_leaves_its_absent_optional_sections_empty():
    practice = read(INTERLOCUTOR)

    assert practice.ingredients == ""
    assert practice.what_worked == ""
    assert practice.quotes == []
    assert practice.levels == ["maternelle", "elementaire", "college"]
    assert [difficulty.question for difficulty in practice.difficulties] == [
        "Aucune réponse de l'inspection",
        "L'interlocuteur change chaque année",
    ]


@pytest.mark.parametrize("path", [CAFE, INTERLOCUTOR], ids=lambda path: path.stem)
def test_example_survives_a_round_trip(path):
    practice = read(path)

    assert parse(render_practice(practice)) == practice


@pytest.mark.parametrize("path", [CAFE, INTERLOCUTOR], ids=lambda path: path.stem)
def test_rendering_an_example_again_gives_the_same_file(path):
    rendered = render_practice(read(path))

    assert render_practice(parse(rendered)) == rendered
