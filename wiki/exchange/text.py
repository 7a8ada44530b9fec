"""Small text normalisations shared by the parser and the renderer: accents, spaces, slugs."""

import re
import unicodedata

SLUG_MAX_LENGTH = 80
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Letters that Unicode decomposition does not split into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "Oe", "æ": "ae", "Æ": "Ae", "ß": "ss"})
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
# Only the whitespace Markdown and HTML collapse: a no-break space before a French colon
# is meaningful text and must survive.
_COLLAPSIBLE_SPACES = re.compile(r"[ \t\r\n]+")


def fold_accents(text: str) -> str:
    """The text without accents or ligatures: "Éducation" → "Education", "œuvre" → "oeuvre"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def collapse_spaces(text: str) -> str:
    """Runs of spaces, tabs and line breaks made into one space, the way HTML shows them."""
    return _COLLAPSIBLE_SPACES.sub(" ", text)


def slugify_title(title: str) -> str:
    """The ASCII slug derived from a title, at most 80 characters, "" if nothing is left.

    "Un café des parents à la sortie de l'école" → "un-cafe-des-parents-a-la-sortie-de-l-ecole".
    """
    ascii_text = fold_accents(title).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug[:SLUG_MAX_LENGTH].rstrip("-")


def heading_key(heading: str) -> str:
    """A heading reduced for comparison: no case, accents, typographic variants or extra spaces.

    "Mémo : à ne pas oublier", "memo: a ne pas oublier" and "MÉMO  :  À NE PAS OUBLIER" all
    give the same key, as do the straight and curly apostrophes of "Paroles d'acteurs".
    """
    folded = fold_accents(heading.translate(_APOSTROPHES)).casefold()
    spaced = re.sub(r"\s+", " ", folded)
    return re.sub(r"\s*:\s*", ":", spaced).strip().rstrip(":").strip()
