"""The Markdown body: its sections, how each kind of section is read, and its refusals."""

import pytest

from wiki.exchange import Difficulty, Quote, Resource, Step

from .helpers import BODY, FRONT_MATTER, line_of, parse, practice_text, refusal


def with_section(label: str, content: str, body: str = BODY) -> str:
    """The valid practice with one more section, or with a section's content replaced."""
    heading = f"## {label}\n\n"
    if heading not in body:
        return practice_text(body=f"{body}\n{heading}{content}\n")
    start = body.index(heading) + len(heading)
    end = body.find("\n## ", start)
    rest = body[end:] if end != -1 else "\n"
    return practice_text(body=f"{body[:start]}{content}\n{rest}")


# Sections


def test_text_before_the_first_section_is_refused_at_its_line():
    text = practice_text(body="\nUn mot d'introduction.\n" + BODY)

    error = refusal(text)

    assert error.line == line_of(text, "Un mot d'introduction.")
    assert "avant la première section" in error.reason


def test_level_one_heading_is_refused():
    text = practice_text(body=BODY.replace("Se rencontrer.", "# Un grand titre\n\nSe rencontrer."))

    error = refusal(text)

    assert error.line == line_of(text, "# Un grand titre")
    assert "niveau un" in error.reason


def test_unknown_heading_is_refused_with_its_line():
    text = practice_text(body=BODY + "\n## Bilan\n\nTrès bien.\n")

    error = refusal(text)

    assert error.line == line_of(text, "## Bilan")
    assert error.reason.startswith("Section inconnue « Bilan ». Sections acceptées : ")
    assert "« Le point de départ », « Objectifs »" in error.reason
    assert "« Mémo : à ne pas oublier », « Paroles d'acteurs », « Ressources »" in error.reason


def test_section_given_twice_is_refused_at_its_second_heading():
    text = practice_text(body=BODY + "\n## Objectifs\n\nSe revoir.\n")

    error = refusal(text)

    assert error.line == line_of(text, "Se revoir.") - 2
    assert error.reason == (
        f"La section « Objectifs » apparaît deux fois (déjà à la ligne {line_of(text, '## Obj')})."
    )


def test_missing_required_section_is_refused_at_the_end_of_the_file():
    text = practice_text(body=BODY.replace("## Objectifs\n\nSe rencontrer.\n", ""))

    error = refusal(text)

    assert error.line == len(text.split("\n")) - 1  # the last line; the file ends with "\n"
    assert error.reason == "Il manque la section obligatoire « ## Objectifs »."


def test_empty_required_section_is_refused_at_its_heading():
    text = practice_text(body=BODY.replace("Se rencontrer.\n", ""))

    error = refusal(text)

    assert error.line == line_of(text, "## Objectifs")
    assert error.reason == "La section obligatoire « Objectifs » est vide."


@pytest.mark.parametrize(
    "heading",
    [
        "## Mémo : à ne pas oublier",
        "## Memo: a ne pas oublier",
        "## MÉMO  :  À NE PAS OUBLIER",
        "##   mémo\u00a0: à ne pas oublier  ",
    ],
)
def test_headings_match_ignoring_case_accents_and_spaces(heading):
    body = BODY.replace("## Mémo : à ne pas oublier", heading)

    assert parse(practice_text(body=body)).memo == ["Prévoir des boissons"]


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_quotes_heading_matches_with_either_apostrophe(apostrophe):
    text = with_section(f"Paroles d{apostrophe}acteurs", "> « Merci. »\n> — un parent")

    assert parse(text).quotes == [Quote("Merci.", "un parent")]


def test_sections_may_come_in_any_order():
    body = BODY.replace("## Objectifs\n\nSe rencontrer.\n", "") + "\n## Objectifs\n\nSe voir.\n"

    assert parse(practice_text(body=body)).objectives == "<p>Se voir.</p>"


def test_windows_line_ends_and_decomposed_accents_are_read_like_the_others():
    text = practice_text().replace("\n", "\r\n").replace("é", "e\u0301")

    assert parse(text) == parse(practice_text())


# Steps


def test_steps_are_read_with_their_bold_title_and_their_text():
    text = with_section(
        "Les étapes",
        "1. **Prévenir la directrice** — par un *mot* dans le [cahier](https://example.org).\n"
        "2. **Envoyer l'invitation** – deux semaines avant.\n"
        "3. **Ranger** - ensemble.\n"
        "4. **Fêter**",
    )

    assert parse(text).steps == [
        Step(
            "Prévenir la directrice",
            '<p>par un <i>mot</i> dans le <a href="https://example.org">cahier</a>.</p>',
        ),
        Step("Envoyer l'invitation", "<p>deux semaines avant.</p>"),
        Step("Ranger", "<p>ensemble.</p>"),
        Step("Fêter", ""),
    ]


def test_step_without_a_bold_title_is_refused_at_its_line():
    text = with_section("Les étapes", "1. **Réserver** — la salle.\n2. Envoyer l'invitation.")

    error = refusal(text)

    assert error.line == line_of(text, "2. Envoyer")
    assert "pas de titre en gras" in error.reason


def test_steps_section_must_be_one_numbered_list():
    text = with_section("Les étapes", "1. **Réserver** — la salle.\n\nPuis on verra.")

    error = refusal(text)

    assert error.line == line_of(text, "Puis on verra.")
    assert "une seule liste" in error.reason


def test_a_bulleted_list_of_steps_is_refused():
    text = with_section("Les étapes", "- **Réserver** — la salle.")

    assert refusal(text).line == line_of(text, "- **Réserver**")


# Difficulties


@pytest.mark.parametrize(
    "answer",
    [
        "Réponse trouvée : en parler.",
        "Réponse trouvée: en parler.",
        "réponse : en parler.",
        "REPONSE TROUVEE : en parler.",
        "Réponse trouvée\u00a0: en parler.",
        "**Réponse trouvée :** en parler.",
        "en parler.",
    ],
)
def test_answer_prefix_is_removed_whatever_its_case_and_accents(answer):
    text = with_section("Difficultés et réponses", f"### Personne ne vient\n\n{answer}")

    assert parse(text).difficulties == [Difficulty("Personne ne vient", "<p>en parler.</p>")]


def test_answer_may_hold_several_blocks():
    text = with_section(
        "Difficultés et réponses",
        "### Personne ne vient\n\nRéponse trouvée :\n\n- relancer\n- **changer** l'horaire\n\n"
        "Et ça marche.\n\n### Trop de monde\n\nRéponse : deux séances.",
    )

    assert parse(text).difficulties == [
        Difficulty(
            "Personne ne vient",
            "<ul><li>relancer</li><li><b>changer</b> l'horaire</li></ul><p>Et ça marche.</p>",
        ),
        Difficulty("Trop de monde", "<p>deux séances.</p>"),
    ]


def test_difficulty_without_an_answer_is_refused_at_its_heading():
    text = with_section(
        "Difficultés et réponses",
        "### Personne ne vient\n\n### Trop de monde\n\nRéponse trouvée : deux séances.",
    )

    error = refusal(text)

    assert error.line == line_of(text, "### Personne ne vient")
    assert "« Personne ne vient » n'a pas de réponse" in error.reason


def test_difficulty_with_only_the_answer_prefix_is_refused():
    text = with_section("Difficultés et réponses", "### Personne ne vient\n\nRéponse trouvée :")

    assert refusal(text).line == line_of(text, "### Personne ne vient")


def test_text_before_the_first_difficulty_is_refused():
    text = with_section("Difficultés et réponses", "Il y en a eu.\n\n### Personne\n\nRéponse : x")

    error = refusal(text)

    assert error.line == line_of(text, "Il y en a eu.")
    assert "« ### »" in error.reason


# Memo


def test_memo_items_are_plain_text_without_their_checkboxes():
    text = with_section(
        "Mémo : à ne pas oublier",
        "- [ ] Prévoir des **boissons**\n- [x] Rendre la clé\n- Remercier `tout le monde`\n"
        "- [ ] <b>pas du HTML</b>",
    )

    assert parse(text).memo == [
        "Prévoir des boissons",
        "Rendre la clé",
        "Remercier tout le monde",
        "<b>pas du HTML</b>",
    ]


def test_empty_memo_item_is_refused_at_its_line():
    text = with_section("Mémo : à ne pas oublier", "- [ ] Prévoir des boissons\n- [ ]")

    error = refusal(text)

    assert error.line == line_of(text, "- [ ] Prévoir des boissons") + 1
    assert error.reason == "Élément du mémo vide."


def test_memo_must_be_one_bulleted_list():
    text = with_section("Mémo : à ne pas oublier", "Prévoir des boissons.")

    assert "une seule liste" in refusal(text).reason


# Quotes


def test_quotes_are_read_with_who_said_them():
    text = with_section(
        "Paroles d'acteurs",
        "> « On ne savait pas\n> que vous faisiez ça. »\n> — une enseignante de CE2\n\n"
        "> “Merci.”\n> - un parent\n\n"
        "> Sans guillemets ni auteur.",
    )

    assert parse(text).quotes == [
        Quote("On ne savait pas que vous faisiez ça.", "une enseignante de CE2"),
        Quote("Merci.", "un parent"),
        Quote("Sans guillemets ni auteur.", ""),
    ]


def test_text_outside_a_quote_block_is_refused():
    text = with_section("Paroles d'acteurs", "« Merci. » — un parent")

    error = refusal(text)

    assert error.line == line_of(text, "« Merci. »")
    assert "« > »" in error.reason


# Resources


def test_resources_are_read_as_labels_and_addresses():
    text = with_section(
        "Ressources",
        "- [Plaquette](https://example.org/plaquette.pdf)\n- [Écrire](mailto:contact@example.org)",
    )

    assert parse(text).resources == [
        Resource("Plaquette", "https://example.org/plaquette.pdf"),
        Resource("Écrire", "mailto:contact@example.org"),
    ]


@pytest.mark.parametrize(
    "link", ["[Cliquez](javascript:alert(1))", "[Local](/documents/1)", "[FTP](ftp://example.org)"]
)
def test_resource_with_an_address_other_than_http_or_mailto_is_refused(link):
    text = with_section("Ressources", f"- [Plaquette](https://example.org/p.pdf)\n- {link}")

    error = refusal(text)

    assert error.line == line_of(text, link)
    assert error.reason.startswith("Adresse refusée")
    assert "http://, https:// et mailto:" in error.reason


def test_resource_that_is_not_a_single_link_is_refused():
    text = with_section("Ressources", "- La plaquette du centre")

    error = refusal(text)

    assert error.line == line_of(text, "- La plaquette")
    assert "un lien seul" in error.reason


def test_optional_sections_may_be_left_empty():
    text = with_section("Ressources", "")

    assert parse(text).resources == []


def test_front_matter_lines_count_in_body_line_numbers():
    front_matter = FRONT_MATTER.replace("stage:", "structure: Centre\nterritory: Nord\nstage:")
    text = practice_text(front_matter, BODY + "\n## Bilan\n")

    assert refusal(text).line == line_of(text, "## Bilan")
