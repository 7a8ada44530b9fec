"""The demo content: glossary, home page texts, practices (through the real import) and one
account per role. Every step is idempotent, so `load_demo` can run on every `make run`.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.html import escape

from wiki.exchange.importer import ImportReport, import_practices
from wiki.meetings.demo import load_meetings
from wiki.models import GlossaryTerm
from wiki.site_structure import ensure_site_structure
from wiki.vocabulary import (
    GLOSSARY_SIDES,
    ROLE_ACTEURS,
    ROLE_CENTRES_SOCIAUX,
    ROLE_COORDINATION,
    ROLE_EDUCATION_NATIONALE,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

# For the demo only: printed by `make run`, never to be used on a real site.
DEMO_ACCOUNTS = (
    ("coordination", "Camille", "Coordination", ROLE_COORDINATION),
    ("centre-social", "Samir", "Centre social", ROLE_CENTRES_SOCIAUX),
    ("ecole", "Nathalie", "Directrice d'école", ROLE_EDUCATION_NATIONALE),
    ("quartier", "Louise", "Association de quartier", ROLE_ACTEURS),
)
DEMO_PASSWORD_SUFFIX = "-demo-2026"


@dataclass
class DemoReport:
    glossary_terms: int
    practices: ImportReport
    accounts: list[tuple[str, str, str]]


def paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


@transaction.atomic
def load_glossary(path: Path) -> int:
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    sides = {value for value, _label in GLOSSARY_SIDES}
    for entry in entries:
        if entry["side"] not in sides:
            raise ValueError(f"{path}: côté inconnu pour {entry['term']} : {entry['side']}")
        GlossaryTerm.objects.update_or_create(
            term=entry["term"],
            defaults={
                "expansion": entry.get("expansion") or "",
                "definition": paragraphs(entry["definition"]),
                "side": entry["side"],
                "synonyms": "\n".join(entry.get("synonyms") or []),
            },
        )
    return len(entries)


@transaction.atomic
def load_home_texts(path: Path) -> None:
    texts = yaml.safe_load(path.read_text(encoding="utf-8"))
    home = ensure_site_structure()
    wanted = {
        field: texts.get(field, "") if field == "tagline" else paragraphs(texts.get(field, ""))
        for field in ("tagline", "intro", "useful_for", "useful_for_me", "how_i_can_help")
    }
    if any(getattr(home, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(home, field, value)
        home.save_revision().publish()
    for page in home.get_children().specific():
        intro = texts.get("sections", {}).get(page.slug)
        if intro and page.intro != paragraphs(intro):
            page.intro = paragraphs(intro)
            page.save_revision().publish()


def create_demo_accounts() -> list[tuple[str, str, str]]:
    accounts = []
    User = get_user_model()
    for username, first_name, last_name, role in DEMO_ACCOUNTS:
        password = username + DEMO_PASSWORD_SUFFIX
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first_name,
                "last_name": last_name,
                "email": f"{username}@example.org",
            },
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=role))
        accounts.append((role, username, password))
    return accounts


def load_demo(fixtures: Path = FIXTURES) -> DemoReport:
    ensure_site_structure()
    terms = load_glossary(fixtures / "glossary.yaml")
    load_home_texts(fixtures / "home.yaml")
    accounts = create_demo_accounts()
    coordinator = get_user_model().objects.get(username="coordination")
    practices = import_practices(fixtures / "practices", user=coordinator)
    load_meetings(fixtures / "meetings.yaml", user=coordinator)
    # The guide's app builds on the practices just imported (imported here: it imports us).
    from wiki.guide.demo import load_demo_edition

    load_demo_edition(fixtures / "guide.yaml", user=coordinator)
    return DemoReport(glossary_terms=terms, practices=practices, accounts=accounts)
