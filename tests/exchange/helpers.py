"""Shared pieces of the exchange format tests: the accepted slugs and a small valid file."""

from pathlib import Path

import pytest

from wiki.exchange import PracticeData, PracticeFormatError, parse_practice
from wiki.vocabulary import STAGES, THEMES

THEME_SLUGS = [slug for slug, _ in THEMES]
STAGE_SLUGS = [slug for slug, _, _ in STAGES]
EXAMPLES = Path(__file__).parent / "examples"

FRONT_MATTER = """---
title: Un goûter partagé
summary: Un goûter une fois par mois entre parents et enseignants.
themes: [parents-ecole]
audience: [csx, en]
stage: premier-contact
---
"""

BODY = """
## Le point de départ

Les parents ne connaissaient pas l'équipe.

## Objectifs

Se rencontrer.

## Les étapes

1. **Réserver la salle** — une semaine avant.

## Difficultés et réponses

### Personne ne vient

Réponse trouvée : inviter par le cahier de liaison.

## Mémo : à ne pas oublier

- [ ] Prévoir des boissons
"""


def practice_text(front_matter: str = FRONT_MATTER, body: str = BODY) -> str:
    return front_matter + body


def parse(text: str) -> PracticeData:
    return parse_practice(text, theme_slugs=THEME_SLUGS, stage_slugs=STAGE_SLUGS)


def refusal(text: str) -> PracticeFormatError:
    """The error raised when reading `text`, which the test expects to be refused."""
    with pytest.raises(PracticeFormatError) as caught:
        parse(text)
    return caught.value


def line_of(text: str, fragment: str) -> int:
    """The 1-based line of the first line of `text` containing `fragment`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if fragment in line:
            return number
    raise AssertionError(f"{fragment!r} is not in the text")
