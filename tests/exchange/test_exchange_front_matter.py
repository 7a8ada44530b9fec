"""The YAML front matter: required keys, accepted values, and the French reasons of refusal."""

import pytest

from wiki.exchange import parse_practice, slugify_title
from wiki.vocabulary import SUMMARY_MAX_LENGTH

from .helpers import BODY, FRONT_MATTER, line_of, parse, practice_text, refusal


def test_file_without_front_matter_is_refused_at_line_1():
    error = refusal(BODY)

    assert error.line == 1
    assert "en-tête" in error.reason


def test_front_matter_never_closed_is_refused_at_line_1():
    error = refusal(FRONT_MATTER.removesuffix("---\n") + "\n## Objectifs\n")

    assert error.line == 1
    assert "jamais refermé" in error.reason


def test_yaml_syntax_error_is_reported_at_its_line_in_the_file():
    front_matter = FRONT_MATTER.replace("themes: [parents-ecole]", "themes: [parents-ecole")
    text = practice_text(front_matter)

    error = refusal(text)

    assert error.line == line_of(text, "audience:")  # where YAML notices the missing "]"
    assert error.reason.startswith("En-tête illisible (YAML)")


def test_colon_in_an_unquoted_value_is_explained_in_french():
    text = practice_text(FRONT_MATTER.replace("title: Un goûter", "title: Goûter: un"))

    error = refusal(text)

    assert error.line == line_of(text, "title:")
    assert "guillemets" in error.reason


def test_front_matter_that_is_not_a_mapping_is_refused():
    error = refusal(practice_text("---\n- title\n- summary\n---\n"))

    assert error.line == 2
    assert "clé: valeur" in error.reason


def test_unknown_key_is_refused_naming_the_accepted_keys():
    text = practice_text(FRONT_MATTER.replace("stage:", "author: Léa\nstage:"))

    error = refusal(text)

    assert error.line == line_of(text, "author:")
    assert "Clé inconnue « author »" in error.reason
    assert (
        "title, slug, summary, themes, audience, stage, levels, structure, territory, partners"
        in error.reason
    )


def test_key_given_twice_is_refused_at_its_second_line():
    text = practice_text(FRONT_MATTER.replace("stage:", "themes: [communiquer]\nstage:"))

    error = refusal(text)

    assert error.line == line_of(text, "themes: [communiquer]")
    assert "deux fois" in error.reason


@pytest.mark.parametrize("key", ["title", "summary", "themes", "audience", "stage"])
def test_missing_required_key_is_refused(key):
    front_matter = "\n".join(
        line for line in FRONT_MATTER.split("\n") if not line.startswith(f"{key}:")
    )

    error = refusal(practice_text(front_matter))

    assert error.line == 1
    assert f"Il manque la clé obligatoire « {key} »" in error.reason


@pytest.mark.parametrize(
    ("written", "accepted"),
    [
        (
            "themes: [parents-ecole, jardinage]",
            "accompagnement-scolarite, aller-vers-l-ecole, communiquer, "
            "comprendre-l-education-nationale, difficultes-tensions, parents-ecole, "
            "projets-communs, reseau-entraide, valoriser-evaluer",
        ),
        ("stage: jardinage", "cooperation-ponctuelle, partenariat-installe, premier-contact"),
        ("audience: [csx, jardinage]", "acteurs, csx, en"),
        ("levels: [jardinage]", "college, elementaire, lycee, maternelle"),
    ],
    ids=["theme", "stage", "audience", "level"],
)
def test_unknown_value_is_refused_naming_the_sorted_accepted_values(written, accepted):
    key = written.split(":")[0]
    lines = [line for line in FRONT_MATTER.split("\n") if not line.startswith(f"{key}:")]
    text = practice_text("\n".join([*lines[:-2], written, *lines[-2:]]))

    error = refusal(text)

    assert error.line == line_of(text, written)
    assert "Valeur inconnue « jardinage »" in error.reason
    assert error.reason.endswith(f"Valeurs acceptées : {accepted}.")


def test_themes_are_checked_against_the_themes_given_by_the_caller():
    practice = parse_practice(
        practice_text(FRONT_MATTER.replace("[parents-ecole]", "[jardinage]")),
        theme_slugs={"jardinage"},
        stage_slugs={"premier-contact"},
    )

    assert practice.themes == ["jardinage"]


def test_summary_longer_than_the_limit_is_refused_with_its_length():
    summary = "é" * (SUMMARY_MAX_LENGTH + 1)
    text = practice_text(FRONT_MATTER.replace("summary: Un goûter", f"summary: {summary}"))
    length = len(summary) + len(" une fois par mois entre parents et enseignants.")

    error = refusal(text)

    assert error.line == line_of(text, "summary:")
    assert f"{length} caractères" in error.reason
    assert str(SUMMARY_MAX_LENGTH) in error.reason


def test_summary_at_the_limit_is_accepted():
    summary = "a" * SUMMARY_MAX_LENGTH
    front_matter = FRONT_MATTER.replace(
        "summary: Un goûter une fois par mois entre parents et enseignants.",
        f"summary: {summary}",
    )

    assert parse(practice_text(front_matter)).summary == summary


def test_empty_list_of_themes_is_refused():
    text = practice_text(FRONT_MATTER.replace("[parents-ecole]", "[]"))

    error = refusal(text)

    assert error.line == line_of(text, "themes:")
    assert "au moins une valeur" in error.reason


def test_one_value_may_be_written_without_brackets():
    front_matter = FRONT_MATTER.replace("[parents-ecole]", "parents-ecole").replace(
        "[csx, en]", "csx"
    )

    practice = parse(practice_text(front_matter))

    assert practice.themes == ["parents-ecole"]
    assert practice.audience == ["csx"]


def test_lists_may_be_written_one_item_a_line():
    front_matter = FRONT_MATTER.replace(
        "stage:", "partners:\n  - École Jules Ferry\n  - Mairie\nstage:"
    )

    assert parse(practice_text(front_matter)).partners == ["École Jules Ferry", "Mairie"]


def test_optional_keys_default_to_empty_values():
    practice = parse(practice_text())

    assert (practice.levels, practice.structure, practice.territory, practice.partners) == (
        [],
        "",
        "",
        [],
    )


def test_values_stay_the_text_written_rather_than_yaml_types():
    front_matter = FRONT_MATTER.replace("title: Un goûter partagé", "title: Non").replace(
        "stage:", "territory: 1.10\nstage:"
    )

    practice = parse(practice_text(front_matter))

    assert practice.title == "Non"
    assert practice.territory == "1.10"


def test_a_number_as_title_is_read_as_text():
    front_matter = FRONT_MATTER.replace("title: Un goûter partagé", "title: 2024")

    assert parse(practice_text(front_matter)).title == "2024"


def test_mapping_where_a_text_is_expected_is_refused():
    text = practice_text(FRONT_MATTER.replace("title: Un goûter partagé", "title: {a: b}"))

    error = refusal(text)

    assert error.line == line_of(text, "title:")
    assert "attend un texte" in error.reason


def test_list_where_one_value_is_expected_is_refused():
    text = practice_text(FRONT_MATTER.replace("stage: premier-contact", "stage: [premier-contact]"))

    error = refusal(text)

    assert error.line == line_of(text, "stage:")
    assert "une seule valeur" in error.reason


def test_html_in_the_title_is_kept_as_text():
    front_matter = FRONT_MATTER.replace("Un goûter partagé", "'<b>Goûter</b> & café'")

    assert parse(practice_text(front_matter)).title == "<b>Goûter</b> & café"


def test_slug_is_derived_from_the_title_when_absent():
    assert parse(practice_text()).slug == "un-gouter-partage"


def test_given_slug_is_kept():
    front_matter = FRONT_MATTER.replace("summary:", "slug: gouter-2024\nsummary:")

    assert parse(practice_text(front_matter)).slug == "gouter-2024"


@pytest.mark.parametrize("slug", ["Gouter", "goûter", "gouter--partage", "-gouter", "a b"])
def test_invalid_slug_is_refused(slug):
    text = practice_text(FRONT_MATTER.replace("summary:", f"slug: '{slug}'\nsummary:"))

    error = refusal(text)

    assert error.line == line_of(text, "slug:")
    assert "n'est pas valide" in error.reason


def test_title_without_letters_or_digits_needs_a_slug():
    text = practice_text(FRONT_MATTER.replace("Un goûter partagé", "'« ! »'"))

    error = refusal(text)

    assert error.line == line_of(text, "title:")
    assert "ajoutez une clé « slug »" in error.reason


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        (
            "Un café des parents à la sortie de l'école",
            "un-cafe-des-parents-a-la-sortie-de-l-ecole",
        ),
        (
            "Trouver l’interlocuteur à l’Éducation nationale",
            "trouver-l-interlocuteur-a-l-education-nationale",
        ),
        ("  Cœur de quartier : « Œuvres » !  ", "coeur-de-quartier-oeuvres"),
        ("CM1/CM2 -- 2024", "cm1-cm2-2024"),
    ],
)
def test_slug_folds_accents_and_turns_the_rest_into_single_hyphens(title, slug):
    assert slugify_title(title) == slug


def test_slug_is_at_most_80_characters_and_does_not_end_with_a_hyphen():
    slug = slugify_title("Une très longue fiche " * 10)

    assert len(slug) <= 80
    assert not slug.endswith("-")
    assert slug.startswith("une-tres-longue-fiche-une-tres-longue-fiche")
