"""The demo meetings: the network's spring 2020 calendar (`fixtures/meetings.yaml`).

Idempotent like the rest of `load_demo`: a meeting already there with the same content is
left alone; one whose fixture changed gets a new published revision.
"""

from datetime import date, datetime
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from wiki.exchange.rich_text import blocks_html, parse_markdown
from wiki.meetings.models import MeetingKind, MeetingPage
from wiki.meetings.site_structure import ensure_meeting_index
from wiki.models import PracticePage

FIELDS = ("title", "kind", "start", "end", "place", "participants", "agenda", "notes", "decisions")
RICH_FIELDS = ("agenda", "notes", "decisions")


def markdown_html(text: str) -> str:
    return blocks_html(parse_markdown(text or "").children)


def moment(value: str | None) -> datetime | None:
    """A fixture's "2020-03-12 14:00", in Paris time."""
    return timezone.make_aware(datetime.fromisoformat(value)) if value else None


def wanted_values(entry: dict, path: Path) -> dict:
    if entry["kind"] not in MeetingKind.values:
        raise ValueError(
            f"{path} : type de rencontre inconnu pour {entry['slug']} : {entry['kind']} "
            f"(valeurs possibles : {', '.join(MeetingKind.values)})"
        )
    values = {
        "title": entry["title"],
        "kind": entry["kind"],
        "start": moment(entry["start"]),
        "end": moment(entry.get("end")),
        "place": entry.get("place") or "",
        "participants": (entry.get("participants") or "").strip(),
    }
    values.update({name: markdown_html(entry.get(name)) for name in RICH_FIELDS})
    return values


def presented_practices(entry: dict, path: Path) -> list[PracticePage]:
    slugs = entry.get("practices") or []
    found = {page.slug: page for page in PracticePage.objects.filter(slug__in=slugs)}
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        raise ValueError(f"{path} : fiche inconnue dans {entry['slug']} : {', '.join(missing)}")
    return [found[slug] for slug in slugs]


def next_steps(entry: dict) -> list[tuple[str, str, date | None]]:
    return [
        (step["what"], step.get("who") or "", step.get("due"))
        for step in entry.get("next_steps") or []
    ]


def current_state(meeting: MeetingPage) -> tuple:
    return (
        {name: getattr(meeting, name) for name in FIELDS},
        [item.practice_id for item in meeting.presented_practices.all()],
        [(step.what, step.who, step.due) for step in meeting.next_steps.all()],
    )


@transaction.atomic
def load_meetings(path: Path, user=None) -> int:
    """Create or update the meetings of the fixture; returns how many it holds."""
    if not path.exists():
        return 0
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    index = ensure_meeting_index()
    for entry in entries:
        values = wanted_values(entry, path)
        practices = presented_practices(entry, path)
        steps = next_steps(entry)
        wanted = (values, [practice.pk for practice in practices], steps)
        meeting = MeetingPage.objects.child_of(index).filter(slug=entry["slug"]).first()
        if meeting is not None and current_state(meeting) == wanted:
            continue
        if meeting is None:
            meeting = MeetingPage(slug=entry["slug"], **values)
            index.add_child(instance=meeting)
        for name, value in values.items():
            setattr(meeting, name, value)
        meeting.draft_title = meeting.title
        meeting.set_lists(practices, steps)
        meeting.save_revision(user=user, log_action=True).publish(
            user=user, skip_permission_checks=True
        )
    return len(entries)
