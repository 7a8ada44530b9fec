"""The rule that a practice may be published only when its required sections are filled.

One place decides what "complete" means; the admin form, the import and the tests ask it.
"""

from django.utils.html import strip_tags

from wiki.vocabulary import SECTIONS_BY_KEY

# Required sections, in the template's order, with how to read them from a page.
REQUIRED_TEXT_FIELDS = ("title", "summary", "context", "objectives")
# section key -> (relation, the field that makes a row count)
REQUIRED_LISTS = {
    "steps": ("steps", "title"),
    "difficulties": ("difficulties", "question"),
    "memo": ("memo_items", "text"),
}


def is_blank(value: str | None) -> bool:
    return not strip_tags(value or "").replace("&nbsp;", " ").strip()


def missing_required_sections(page) -> list[str]:
    """French labels of the required sections and facts still empty on `page`.

    Works on an unsaved page too: child lists are read through modelcluster's in-memory
    relations, and many-to-many facets through their parental managers.
    """
    missing = [
        SECTIONS_BY_KEY[key].label for key in REQUIRED_TEXT_FIELDS if is_blank(getattr(page, key))
    ]
    for key, (relation, field) in REQUIRED_LISTS.items():
        if not any(not is_blank(getattr(row, field)) for row in getattr(page, relation).all()):
            missing.append(SECTIONS_BY_KEY[key].label)
    if not page.themes.all():
        missing.append("Thèmes")
    if not page.audiences.all():
        missing.append("Pour qui")
    if page.stage_id is None:
        missing.append("Où en est le partenariat")
    return missing


def missing_sections_message(missing: list[str]) -> str:
    return "Pour publier cette fiche, il faut encore remplir : " + ", ".join(missing) + "."
