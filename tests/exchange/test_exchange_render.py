"""Writing a practice in the exchange format, and reading it back into the same practice."""

import pytest

from wiki.exchange import Difficulty, PracticeData, Quote, Resource, Step, render_practice

from .helpers import BODY, parse, practice_text

EVERY_SECTION = r"""---
title: "Le « café » des parents : *vraiment* [ouvert] à tous_"
summary: 'Un résumé avec <b>du HTML</b>, des * et des _ et l''apostrophe.'
themes: [parents-ecole, communiquer]
audience: [csx, en, acteurs]
stage: partenariat-installe
levels: [maternelle, college]
structure: "Centre social « Les Tilleuls »"
territory: Quartier Nord, Villeneuve
partners: [École Jules Ferry, "Mairie: service jeunesse"]
---

## Le point de départ

Les *parents* n’osaient pas : « l'école, c'est pas pour nous ». Un **\*astérisque\***,
un \_tiret bas\_, des [crochets], 2 * 3 et un [lien](https://example.org/a_b?x=1&y=2).

- une liste
- avec `du code` et un\
  retour à la ligne

## Objectifs

1. Se rencontrer
2. Se comprendre

### Sous-objectif

#### Encore plus petit

## Les ingrédients

Du café, 10 € et « beaucoup » d’énergie — 100 % bénévole. Écrire à <contact@example.org>.

## Les étapes

1. **Prendre rendez-vous avec la direction** — voir *avant* la rentrée.
2. **Préparer un support [court]** – deux pages, pas plus.
3. **Le jour J** - arriver tôt.

   Puis s'installer sous le préau.

## Ce qui a marché

La **régularité**.

## Difficultés et réponses

### L'équipe n'a que 20 minutes *chrono* en C\#

Réponse trouvée : aller à l'essentiel.

- une idée
- un contact

### « Garderie » ?

Réponse trouvée : montrer les **projets**.

## Mémo : à ne pas oublier

- [ ] Envoyer le support *avant*
- [x] [ ] case déjà cochée
- [ ] 1. pas une liste

## Paroles d'acteurs

> « On ne savait pas que vous faisiez « ça ». »
> — une enseignante de CE2 *(école Jules Ferry)*

> Sans guillemets

## Ressources

- [Plaquette *du centre* [PDF]](https://example.org/plaquette.pdf)
- [Nous écrire](mailto:contact@example.org)
"""

SMALL_PRACTICE = PracticeData(
    title="Présenter le centre social en conseil des maîtres",
    slug="presenter-le-centre-social",
    summary="Vingt minutes pour que l'équipe enseignante sache ce que le centre propose.",
    themes=["aller-vers-l-ecole", "communiquer"],
    audience=["csx", "en"],
    stage="premier-contact",
    levels=["elementaire"],
    structure="Centre social des Tilleuls",
    territory="Quartier Nord, Villeneuve",
    partners=["École élémentaire Jules Ferry"],
    context="<p>L'équipe ne connaissait pas le centre.</p>",
    objectives="<ul><li>Se présenter</li><li>Laisser un <b>contact</b></li></ul>",
    steps=[
        Step("Prendre rendez-vous avec la direction", "<p>par téléphone.</p>"),
        Step("Préparer un support court", "<p>deux pages.</p>"),
    ],
    difficulties=[Difficulty("L'équipe n'a que vingt minutes", "<p>aller à l'essentiel.</p>")],
    memo=["Envoyer le support à la directrice avant"],
    quotes=[Quote("On ne savait pas.", "une enseignante de CE2")],
    resources=[Resource("Plaquette du centre", "https://example.org/plaquette.pdf")],
)

SMALL_PRACTICE_FILE = """---
title: Présenter le centre social en conseil des maîtres
slug: presenter-le-centre-social
summary: Vingt minutes pour que l'équipe enseignante sache ce que le centre propose.
themes: [aller-vers-l-ecole, communiquer]
audience: [csx, en]
stage: premier-contact
levels: [elementaire]
structure: Centre social des Tilleuls
territory: Quartier Nord, Villeneuve
partners: [École élémentaire Jules Ferry]
---

## Le point de départ

L'équipe ne connaissait pas le centre.

## Objectifs

- Se présenter
- Laisser un **contact**

## Les étapes

1. **Prendre rendez-vous avec la direction** — par téléphone.
2. **Préparer un support court** — deux pages.

## Difficultés et réponses

### L'équipe n'a que vingt minutes

Réponse trouvée : aller à l'essentiel.

## Mémo : à ne pas oublier

- [ ] Envoyer le support à la directrice avant

## Paroles d'acteurs

> « On ne savait pas. »
> — une enseignante de CE2

## Ressources

- [Plaquette du centre](https://example.org/plaquette.pdf)
"""


def test_practice_is_written_in_the_exchange_format():
    assert render_practice(SMALL_PRACTICE) == SMALL_PRACTICE_FILE


def test_written_practice_reads_back_the_same():
    assert parse(render_practice(SMALL_PRACTICE)) == SMALL_PRACTICE


def test_practice_with_every_section_and_tricky_text_survives_a_round_trip():
    practice = parse(EVERY_SECTION)

    assert parse(render_practice(practice)) == practice


def test_tricky_text_is_read_as_written():
    practice = parse(EVERY_SECTION)

    assert practice.title == "Le « café » des parents : *vraiment* [ouvert] à tous_"
    assert practice.slug == "le-cafe-des-parents-vraiment-ouvert-a-tous"
    assert practice.partners == ["École Jules Ferry", "Mairie: service jeunesse"]
    assert practice.context.startswith(
        "<p>Les <i>parents</i> n’osaient pas : « l'école, c'est pas pour nous ». "
        "Un <b>*astérisque*</b>, un _tiret bas_, des [crochets], 2 * 3 et un "
        '<a href="https://example.org/a_b?x=1&amp;y=2">lien</a>.</p>'
    )
    assert practice.steps[2] == Step(
        "Le jour J", "<p>arriver tôt.</p><p>Puis s'installer sous le préau.</p>"
    )
    assert practice.difficulties[0].question == "L'équipe n'a que 20 minutes chrono en C#"
    assert practice.memo == [
        "Envoyer le support avant",
        "[ ] case déjà cochée",
        "1. pas une liste",
    ]
    assert practice.quotes == [
        Quote(
            "On ne savait pas que vous faisiez « ça ».",
            "une enseignante de CE2 (école Jules Ferry)",
        ),
        Quote("Sans guillemets", ""),
    ]
    assert practice.resources[0] == Resource(
        "Plaquette du centre [PDF]", "https://example.org/plaquette.pdf"
    )


def test_writing_a_read_practice_again_gives_the_same_file():
    rendered = render_practice(parse(EVERY_SECTION))

    assert render_practice(parse(rendered)) == rendered


def test_markdown_characters_in_plain_text_are_escaped():
    practice = PracticeData(
        **{
            **SMALL_PRACTICE.__dict__,
            "memo": ["*pas* en gras", "# pas un titre", "[x] pas cochée", "<b>texte</b> & co"],
            "difficulties": [Difficulty("C# ou F# ?", "<p>1. pas une liste</p>")],
            "quotes": [Quote("« Citée » deux fois", "- un parent")],
            "steps": [Step("**Titre** — avec tiret", "<p>— suite</p>")],
            "resources": [Resource("[Guide] _PDF_", "https://example.org/guide(2).pdf")],
        }
    )

    assert parse(render_practice(practice)) == practice


def test_empty_optional_sections_are_left_out():
    practice = PracticeData(**{**SMALL_PRACTICE.__dict__, "quotes": [], "resources": []})

    rendered = render_practice(practice)

    assert "## Paroles d'acteurs" not in rendered
    assert "## Ressources" not in rendered
    assert rendered.endswith("- [ ] Envoyer le support à la directrice avant\n")


def test_empty_required_section_keeps_its_heading_to_show_what_is_missing():
    rendered = render_practice(PracticeData(**{**SMALL_PRACTICE.__dict__, "objectives": ""}))

    assert "## Objectifs\n\n## Les étapes" in rendered


def test_wagtail_rich_text_is_written_as_markdown():
    practice = PracticeData(
        **{
            **SMALL_PRACTICE.__dict__,
            "context": '<p data-block-key="a1">Un <strong>grand</strong> <em>café</em></p>'
            '<h2 data-block-key="b2">Un titre</h2><ul><li data-block-key="c3">un</li></ul>'
            '<p data-block-key="d4">Voir <a href="/page/3/">la page</a>.<br/>Fin</p>',
        }
    )

    rendered = render_practice(practice)

    assert "Un **grand** *café*\n\n### Un titre\n\n- un\n\nVoir la page.\\\nFin" in rendered
    assert parse(rendered).context == (
        "<p>Un <b>grand</b> <i>café</i></p><h3>Un titre</h3><ul><li>un</li></ul>"
        "<p>Voir la page.<br>Fin</p>"
    )


def test_bold_that_markdown_cannot_write_keeps_its_text():
    # "**1.**Texte" is not bold in Markdown: the bold goes, the text stays.
    practice = PracticeData(**{**SMALL_PRACTICE.__dict__, "context": "<p><b>1.</b>Texte</p>"})

    assert parse(render_practice(practice)).context == "<p>1.Texte</p>"


def test_link_whose_address_has_accents_or_spaces_stays_a_link():
    context = '<p><a href="https://fr.wikipedia.org/wiki/Éducation prioritaire">REP</a></p>'
    practice = PracticeData(**{**SMALL_PRACTICE.__dict__, "context": context})

    assert parse(render_practice(practice)).context == (
        '<p><a href="https://fr.wikipedia.org/wiki/%C3%89ducation%20prioritaire">REP</a></p>'
    )


TRICKY_RICH_TEXT = [
    "a *b* **c** ***d*** **_e_** _**f**_ *g **h***",
    "**a**_b_ et *a***b**",
    "x*y*z, x**y**z, un * seul, 2 * 3 = 6, 4*5",
    "snake_case_name et __init__ et _a_b",
    "[crochets] et ] et [a]: https://example.org",
    "« guillemets » l'apostrophe ’ et 100 % & &amp; &copy; \\&copy;",
    "a\\\nb et c  \nd",
    "- a\n- b\n\n1. c\n2. d",
    "- a\n* b\n\n1. c\n1) d",
    "- a\n\n- b",
    "- a\n  - b\n- c",
    "1. x\n\n   para\n2. y",
    "### h3\n\n#### h4\n\n##### h5",
    "\\# pas un titre\n\n\\- pas une liste\n\n1\\. pas une liste\n\n\\> pas une citation",
    "a\\\n\\=\\=\\=\n\nb\\\n\\---",
    "[lien](https://example.org/a_b*c?x=1&y=2) et <https://example.org> et <a@b.fr>",
    "wow![lien](https://example.org) et wow\\![image](https://example.org/i.png)",
    "`code *x*` et\n\n```\nfence\n  two\n\nthree\n```\n\n    indented",
    "> quote\n> two\n\n---\n\n![alt](https://example.org/i.png)",
    "fin # et C# et \\\\ et \\ seul",
    "**gras avec [lien](https://example.org)** et [**lien gras**](https://example.org)",
    "*a* *b* **a** **b** **a****b** *a**b*",
    "***a** b* ***a* b** *a **b*** **a *b***",
    "**é**tude l'**école** «**oui**» (*a*) *(a)*b",
    "a <b> c, x < y > z et <script>",
    "- [ ] case\n-\n- b\n- > citée",
]


@pytest.mark.parametrize("markdown", TRICKY_RICH_TEXT)
def test_tricky_rich_text_reads_the_same_after_a_round_trip(markdown):
    body = BODY.replace("Les parents ne connaissaient pas l'équipe.", markdown)
    practice = parse(practice_text(body=body))

    assert parse(render_practice(practice)).context == practice.context
