"""The YAML front matter of a practice file: where it is, what it may hold, and its checks."""

from collections.abc import Collection
from dataclasses import dataclass

import yaml

from wiki.vocabulary import AUDIENCES, LEVELS, SUMMARY_MAX_LENGTH

from .errors import PracticeFormatError
from .text import SLUG_PATTERN, collapse_spaces, slugify_title

FRONT_MATTER_KEYS = (
    "title",
    "slug",
    "summary",
    "themes",
    "audience",
    "stage",
    "levels",
    "structure",
    "territory",
    "partners",
)
REQUIRED_KEYS = ("title", "summary", "themes", "audience", "stage")
KEY_LABELS = {
    "title": "Titre",
    "slug": "identifiant dans l'adresse",
    "summary": "En une phrase",
    "themes": "Thèmes",
    "audience": "Pour qui",
    "stage": "Où en est le partenariat",
    "levels": "Niveaux",
    "structure": "Structure",
    "territory": "Territoire",
    "partners": "Partenaires",
}
FENCE = "---"
_NULL_TAG = "tag:yaml.org,2002:null"

# PyYAML explains in English; the people who fix the file read French.
_YAML_PROBLEMS_IN_FRENCH = {
    "mapping values are not allowed here": (
        "un « : » inattendu ; mettez la valeur entre guillemets si elle contient « : »"
    ),
    "could not find expected ':'": "il manque « : » après un nom de clé",
    "found character '\\t' that cannot start any token": ("une tabulation ; utilisez des espaces"),
    "found unexpected end of stream": "des guillemets ou des crochets ne sont pas refermés",
    "did not find expected ',' or ']'": "des crochets ne sont pas refermés ou une virgule manque",
    "did not find expected key": "une ligne n'est pas de la forme « clé: valeur »",
    "found undefined alias": "un alias « * » qui ne renvoie à rien",
}


@dataclass(frozen=True)
class FrontMatter:
    title: str
    slug: str
    summary: str
    themes: list[str]
    audience: list[str]
    stage: str
    levels: list[str]
    structure: str
    territory: str
    partners: list[str]


@dataclass(frozen=True)
class _Entry:
    """One key of the front matter: its YAML node and the file line where the key is."""

    node: yaml.Node
    line: int


def split_front_matter(lines: list[str]) -> tuple[str, int]:
    """The YAML text between the two `---` lines, and the index of the closing line.

    `lines` are the file's lines; the YAML text starts on file line 2.
    """
    if not lines or lines[0].rstrip() != FENCE:
        raise PracticeFormatError(
            "Le fichier doit commencer par un en-tête entre deux lignes « --- » "
            "(title, summary, themes, audience, stage…).",
            1,
        )
    for index in range(1, len(lines)):
        if lines[index].rstrip() == FENCE:
            return "\n".join(lines[1:index]), index
    raise PracticeFormatError(
        "L'en-tête ouvert par « --- » à la ligne 1 n'est jamais refermé par une ligne « --- ».", 1
    )


def read_front_matter(
    yaml_text: str,
    *,
    first_line: int,
    theme_slugs: Collection[str],
    stage_slugs: Collection[str],
) -> FrontMatter:
    """Check the front matter and return its values; `first_line` is the file line of the YAML."""
    entries = _entries(yaml_text, first_line)
    for key in REQUIRED_KEYS:
        if key not in entries:
            raise PracticeFormatError(
                f"Il manque la clé obligatoire « {key} » ({KEY_LABELS[key]}) dans l'en-tête.", 1
            )
    title = collapse_spaces(_required_text(entries, "title"))
    summary = _required_text(entries, "summary")
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise PracticeFormatError(
            f"Le résumé (summary) fait {len(summary)} caractères ; "
            f"il doit en faire au plus {SUMMARY_MAX_LENGTH}.",
            entries["summary"].line,
        )
    return FrontMatter(
        title=title,
        slug=_slug(entries, title),
        summary=summary,
        themes=_slugs(entries, "themes", theme_slugs, required=True),
        audience=_slugs(entries, "audience", [slug for slug, _ in AUDIENCES], required=True),
        stage=_stage(entries, stage_slugs),
        levels=_slugs(entries, "levels", [slug for slug, _ in LEVELS], required=False),
        structure=_optional_text(entries, "structure"),
        territory=_optional_text(entries, "territory"),
        partners=_texts(entries, "partners"),
    )


def _entries(yaml_text: str, first_line: int) -> dict[str, _Entry]:
    root = _compose(yaml_text, first_line)
    if not isinstance(root, yaml.MappingNode):
        line = first_line + root.start_mark.line if root is not None else 1
        raise PracticeFormatError(
            "L'en-tête doit être une suite de lignes « clé: valeur » (title: …, summary: …).", line
        )
    entries: dict[str, _Entry] = {}
    for key_node, value_node in root.value:
        line = first_line + key_node.start_mark.line
        key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
        if key not in FRONT_MATTER_KEYS:
            raise PracticeFormatError(
                f"Clé inconnue « {key} » dans l'en-tête. "
                f"Clés acceptées : {', '.join(FRONT_MATTER_KEYS)}.",
                line,
            )
        if key in entries:
            raise PracticeFormatError(
                f"La clé « {key} » apparaît deux fois dans l'en-tête "
                f"(déjà à la ligne {entries[key].line}).",
                line,
            )
        entries[key] = _Entry(value_node, line)
    return entries


def _compose(yaml_text: str, first_line: int) -> yaml.Node | None:
    """The YAML node tree, read safely; nodes keep the lines that error messages need.

    Values are taken from the nodes as written rather than resolved by YAML, so that a title
    "Non" stays the text "Non" instead of becoming False, and "1.10" does not become 1.1.
    """
    try:
        loader = yaml.SafeLoader(yaml_text)
    except yaml.reader.ReaderError as error:  # raised at once for a control character
        line = first_line + yaml_text.count("\n", 0, max(error.position, 0))
        raise PracticeFormatError(
            f"En-tête illisible (YAML) : caractère interdit (U+{error.character:04X}).",
            line,
        ) from None
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark is not None else first_line
        raise PracticeFormatError(f"En-tête illisible (YAML) : {_explain(error)}.", line) from None
    except yaml.YAMLError as error:
        raise PracticeFormatError(f"En-tête illisible (YAML) : {error}.", first_line) from None
    finally:
        loader.dispose()


def _explain(error: yaml.MarkedYAMLError) -> str:
    problem = (error.problem or "").strip()
    return _YAML_PROBLEMS_IN_FRENCH.get(problem, f"syntaxe incorrecte ({problem})")


def _scalar(entry: _Entry, key: str) -> str | None:
    """The text of a one-value key, None when it is empty (`key:` with nothing after)."""
    node = entry.node
    if isinstance(node, yaml.SequenceNode):
        raise PracticeFormatError(
            f"La clé « {key} » ({KEY_LABELS[key]}) attend une seule valeur, pas une liste.",
            entry.line,
        )
    if isinstance(node, yaml.MappingNode):
        raise PracticeFormatError(
            f"La clé « {key} » ({KEY_LABELS[key]}) attend un texte, "
            "pas une suite de « clé: valeur ».",
            entry.line,
        )
    if node.tag == _NULL_TAG:
        return None
    return str(node.value).strip()


def _required_text(entries: dict[str, _Entry], key: str) -> str:
    value = _scalar(entries[key], key)
    if not value:
        raise PracticeFormatError(
            f"La clé « {key} » ({KEY_LABELS[key]}) est vide.", entries[key].line
        )
    return value


def _optional_text(entries: dict[str, _Entry], key: str) -> str:
    if key not in entries:
        return ""
    return _scalar(entries[key], key) or ""


def _texts(entries: dict[str, _Entry], key: str) -> list[str]:
    """A list of texts; one value may be written as a plain string instead of a list."""
    if key not in entries:
        return []
    entry = entries[key]
    if not isinstance(entry.node, yaml.SequenceNode):
        value = _scalar(entry, key)
        return [value] if value else []
    texts = []
    for item in entry.node.value:
        if not isinstance(item, yaml.ScalarNode):
            raise PracticeFormatError(
                f"La liste « {key} » ({KEY_LABELS[key]}) ne peut contenir que des textes.",
                entry.line,
            )
        if item.tag != _NULL_TAG and str(item.value).strip():
            texts.append(str(item.value).strip())
    return texts


def _slugs(
    entries: dict[str, _Entry], key: str, accepted: Collection[str], *, required: bool
) -> list[str]:
    values = list(dict.fromkeys(_texts(entries, key)))  # drop repeats, keep the order
    if required and not values:
        raise PracticeFormatError(
            f"La clé « {key} » ({KEY_LABELS[key]}) doit avoir au moins une valeur. "
            f"Valeurs acceptées : {_listed(accepted)}.",
            entries[key].line,
        )
    for value in values:
        _check_accepted(value, key, accepted, entries[key].line)
    return values


def _stage(entries: dict[str, _Entry], accepted: Collection[str]) -> str:
    stage = _scalar(entries["stage"], "stage")
    if not stage:
        raise PracticeFormatError(
            f"La clé « stage » ({KEY_LABELS['stage']}) est vide. "
            f"Valeurs acceptées : {_listed(accepted)}.",
            entries["stage"].line,
        )
    _check_accepted(stage, "stage", accepted, entries["stage"].line)
    return stage


def _check_accepted(value: str, key: str, accepted: Collection[str], line: int) -> None:
    if value not in accepted:
        raise PracticeFormatError(
            f"Valeur inconnue « {value} » pour « {key} » ({KEY_LABELS[key]}). "
            f"Valeurs acceptées : {_listed(accepted)}.",
            line,
        )


def _listed(values: Collection[str]) -> str:
    return ", ".join(sorted(values))


def _slug(entries: dict[str, _Entry], title: str) -> str:
    if "slug" in entries and (given := _scalar(entries["slug"], "slug")):
        if not SLUG_PATTERN.match(given):
            raise PracticeFormatError(
                f"Le slug « {given} » n'est pas valide : il ne peut contenir que des lettres "
                "minuscules sans accents, des chiffres et des tirets simples "
                "(par exemple « cafe-des-parents »).",
                entries["slug"].line,
            )
        return given
    derived = slugify_title(title)
    if not derived:
        raise PracticeFormatError(
            "Impossible de tirer un slug du titre (aucune lettre ni chiffre) ; "
            "ajoutez une clé « slug ».",
            entries["title"].line,
        )
    return derived
