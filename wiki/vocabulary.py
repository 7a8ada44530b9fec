"""The fixed vocabulary of the content contract: sections, audiences, levels, stages, themes.

Everything here mirrors `shared/spec/practice-format.md`. Themes and stages are also rows
in the database (the Coordination may retitle themes); these tuples seed them and are the
accepted values of the exchange format for the fixed facets.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    required: bool
    kind: str  # "line", "text", "rich", "steps", "difficulties", "memo", "quotes", "resources"


SECTIONS: tuple[Section, ...] = (
    Section("title", "Titre", True, "line"),
    Section("summary", "En une phrase", True, "text"),
    Section("context", "Le point de départ", True, "rich"),
    Section("objectives", "Objectifs", True, "rich"),
    Section("ingredients", "Les ingrédients", False, "rich"),
    Section("steps", "Les étapes", True, "steps"),
    Section("what_worked", "Ce qui a marché", False, "rich"),
    Section("difficulties", "Difficultés et réponses", True, "difficulties"),
    Section("memo", "Mémo : à ne pas oublier", True, "memo"),
    Section("quotes", "Paroles d'acteurs", False, "quotes"),
    Section("resources", "Ressources", False, "resources"),
)

SECTIONS_BY_KEY = {section.key: section for section in SECTIONS}

# Sections written as level-two headings in the Markdown body (title and summary live in
# the front matter).
BODY_SECTIONS = tuple(s for s in SECTIONS if s.key not in ("title", "summary"))

SUMMARY_MAX_LENGTH = 300

AUDIENCES: tuple[tuple[str, str], ...] = (
    ("csx", "Centres sociaux"),
    ("en", "Éducation nationale"),
    ("acteurs", "Acteurs du quartier"),
)

LEVELS: tuple[tuple[str, str], ...] = (
    ("maternelle", "Maternelle"),
    ("elementaire", "Élémentaire"),
    ("college", "Collège"),
    ("lycee", "Lycée"),
)

STAGES: tuple[tuple[str, str, str], ...] = (
    (
        "premier-contact",
        "Premier contact",
        "Le centre et l'école se connaissent à peine.",
    ),
    (
        "cooperation-ponctuelle",
        "Coopération ponctuelle",
        "Ils ont déjà fait des choses ensemble, de temps en temps.",
    ),
    (
        "partenariat-installe",
        "Partenariat installé",
        "Ils préparent et mènent des projets ensemble, régulièrement.",
    ),
)

THEMES: tuple[tuple[str, str], ...] = (
    ("aller-vers-l-ecole", "Aller vers l'école : premiers contacts"),
    (
        "comprendre-l-education-nationale",
        "Comprendre l'Éducation nationale : organisation, dispositifs, interlocuteurs",
    ),
    ("parents-ecole", "Les familles, l'école et le centre social"),
    ("accompagnement-scolarite", "Accompagnement à la scolarité et temps périscolaires"),
    ("projets-communs", "Construire un projet commun"),
    ("communiquer", "Communiquer et se comprendre : les manières de dire"),
    ("difficultes-tensions", "Traverser les difficultés et les tensions"),
    ("valoriser-evaluer", "Valoriser et évaluer ce qui marche"),
    ("reseau-entraide", "Travailler en réseau entre centres, accueillir les nouveaux"),
)

GLOSSARY_SIDES: tuple[tuple[str, str], ...] = (
    ("en", "Éducation nationale"),
    ("csx", "Centres sociaux"),
    ("commun", "Commun"),
)

ROLE_COORDINATION = "Coordination"
ROLE_CENTRES_SOCIAUX = "Centres sociaux"
ROLE_EDUCATION_NATIONALE = "Éducation nationale"
ROLE_ACTEURS = "Acteurs du quartier"
ROLES = (ROLE_COORDINATION, ROLE_CENTRES_SOCIAUX, ROLE_EDUCATION_NATIONALE, ROLE_ACTEURS)
