"""The rule that a practice may be published only when its required sections are filled.

One place decides what "complete" means; the admin form (wiki.forms) and the model ask it.
"""

from django.utils.html import strip_tags

from wiki.vocabulary import SECTIONS_BY_KEY

# Required fields of the page, in the admin's order: field name -> French label.
REQUIRED_FIELDS = {
    "title": SECTIONS_BY_KEY["title"].label,
    "summary": SECTIONS_BY_KEY["summary"].label,
    "themes": "Thèmes",
    "audiences": "Pour qui",
    "stage": "Où en est le partenariat",
    "context": SECTIONS_BY_KEY["context"].label,
    "objectives": SECTIONS_BY_KEY["objectives"].label,
}
# Required lists: relation -> (French label, the field that makes a row count).
REQUIRED_LISTS = {
    "steps": (SECTIONS_BY_KEY["steps"].label, "title"),
    "difficulties": (SECTIONS_BY_KEY["difficulties"].label, "question"),
    "memo_items": (SECTIONS_BY_KEY["memo"].label, "text"),
}


def is_blank(value: str | None) -> bool:
    return not strip_tags(value or "").replace("&nbsp;", " ").strip()


def is_empty_value(value) -> bool:
    """Blank text (rich text included), None, or an empty collection."""
    if isinstance(value, str):
        return is_blank(value)
    return not value


def missing_required_sections(page) -> list[str]:
    """French labels of the required sections and facts still empty on `page`.

    Works on an unsaved page too: child lists are read through modelcluster's in-memory
    relations, and many-to-many facets through their parental managers.
    """
    missing = []
    for field, label in REQUIRED_FIELDS.items():
        value = getattr(page, field)
        if hasattr(value, "all"):  # a many-to-many facet
            value = value.all()
        if is_empty_value(value):
            missing.append(label)
    for relation, (label, field) in REQUIRED_LISTS.items():
        if all(is_blank(getattr(row, field)) for row in getattr(page, relation).all()):
            missing.append(label)
    return missing


def missing_sections_message(missing: list[str]) -> str:
    return "Pour publier cette fiche, il faut encore remplir : " + ", ".join(missing) + "."
