"""What changed between two versions of a practice, section by section, word by word.

`compare_practices` reads two `PracticeData` (see `wiki.exchange.pages.page_to_data`) and
returns only the sections that changed, in the template's order, each with a short French
summary ("1 ajoutée", "modifié") and a word-level diff rendered as safe HTML with <ins> and
<del>. `describe_changes` sums that up in one French line for lists of news.
"""

from dataclasses import astuple, dataclass
from difflib import SequenceMatcher

from wiki.exchange.data import PracticeData
from wiki.exchange.front_matter import KEY_LABELS
from wiki.vocabulary import AUDIENCES, LEVELS, SECTIONS, STAGES
from wiki.word_diff import plain_lines, word_diff_html

FACTS_KEY = "facts"
FACTS_LABEL = "La fiche d'identité"  # the title of the facts card on the practice page
LIST_KINDS = ("steps", "difficulties", "memo", "quotes", "resources")
# Memo items are "éléments" (masculine); steps, difficulties, quotes and resources are feminine.
MASCULINE_ITEMS = ("memo",)
# Below this likeness two items are a removal and an addition, not one edited item.
SIMILAR_ENOUGH = 0.5

# The facts card's fields, labelled as in a practice file's front matter.
FACETS = tuple(
    (key, KEY_LABELS[key])
    for key in ("themes", "audience", "stage", "levels", "structure", "territory", "partners")
)
UNORDERED_FACETS = ("themes", "audience", "levels")
FACET_TITLES = {
    "audience": dict(AUDIENCES),
    "stage": {slug: title for slug, title, _meaning in STAGES},
    "levels": dict(LEVELS),
}

STATUS_VERBS = {"added": "ajouté", "changed": "modifié", "removed": "retiré", "moved": "déplacé"}
COUNTED_STATUSES = ("added", "changed", "removed")  # the fields of ChangeCounts, in order
TEXT_SUMMARIES = {**STATUS_VERBS, "restyled": "mise en forme modifiée"}


@dataclass(frozen=True)
class ChangeCounts:
    """How many items of a list section were added, edited or removed."""

    added: int = 0
    changed: int = 0
    removed: int = 0


@dataclass(frozen=True)
class DiffBlock:
    """One changed piece of a section (an item of a list, a facet, or the whole text)."""

    status: str  # "added", "changed", "removed", "moved" or "restyled"
    heading: str  # e.g. "Étape 2", "Thèmes"; "" for a text section
    html: str  # safe HTML: the text with <ins>/<del> around changed words
    status_label: str = ""  # in French, agreed with the item: "ajoutée", "retiré"…


@dataclass(frozen=True)
class SectionChange:
    key: str  # a key of wiki.vocabulary.SECTIONS, or "facts"
    label: str  # the section's French label
    summary: str  # e.g. "1 ajoutée", "2 modifiées, 1 retirée", "ordre changé", "modifié"
    counts: ChangeCounts  # all zero for text sections
    blocks: tuple[DiffBlock, ...]


def compare_practices(old: PracticeData, new: PracticeData) -> list[SectionChange]:
    """The sections that differ between `old` and `new`, in the order of the template."""
    changes = []
    for section in SECTIONS:
        if section.kind in LIST_KINDS:
            change = _compare_list(section.key, section.label, old, new)
        else:
            change = _compare_text(section.key, section.label, old, new)
        if change is not None:
            changes.append(change)
        if section.key == "summary":  # the facts card comes right after the summary
            facts = _compare_facts(old, new)
            if facts is not None:
                changes.append(facts)
    return changes


def describe_changes(changes: list[SectionChange]) -> str:
    """One French line: "Les étapes : 1 modifiée ; Difficultés et réponses : 1 ajoutée"."""
    return " ; ".join(f"{change.label} : {change.summary}" for change in changes)


# Text sections


def _compare_text(key: str, label: str, old: PracticeData, new: PracticeData):
    before, after = getattr(old, key), getattr(new, key)
    if before == after:
        return None
    old_lines, new_lines = plain_lines(before), plain_lines(after)
    if not old_lines:
        status = "added"
    elif not new_lines:
        status = "removed"
    elif old_lines == new_lines:
        status = "restyled"  # only bold, italics or links changed: the words are the same
    else:
        status = "changed"
    block = DiffBlock(status, "", word_diff_html(old_lines, new_lines))
    return SectionChange(key, label, TEXT_SUMMARIES[status], ChangeCounts(), (block,))


# The facts card


def _facet_value(data: PracticeData, key: str):
    """What counts for a facet: themes, audience and levels are sets, partners a list."""
    value = getattr(data, key)
    return frozenset(value) if key in UNORDERED_FACETS else value


def _facet_lines(data: PracticeData, key: str, titles: dict[str, str]) -> tuple[str, ...]:
    """One line per value, so that adding a theme reads as one added line."""
    value = getattr(data, key)
    if isinstance(value, str):
        value = [value] if value else []
    if key in UNORDERED_FACETS:  # shown in the vocabulary's order, as the facts card does
        order = list(titles)
        value = sorted(value, key=lambda slug: order.index(slug) if slug in order else len(order))
    return tuple(titles.get(item, item) for item in value)


def _facet_titles(key: str, old: PracticeData, new: PracticeData) -> dict[str, str]:
    if key != "themes":
        return FACET_TITLES.get(key, {})
    # The Coordination may retitle or add themes: ask the database, only when themes changed.
    from wiki.models import Theme

    slugs = {*old.themes, *new.themes}
    return dict(Theme.objects.filter(slug__in=slugs).values_list("slug", "title"))


def _compare_facts(old: PracticeData, new: PracticeData):
    blocks = []
    for key, facet_label in FACETS:
        if _facet_value(old, key) == _facet_value(new, key):
            continue
        titles = _facet_titles(key, old, new)
        before, after = _facet_lines(old, key, titles), _facet_lines(new, key, titles)
        status = "added" if not before else "removed" if not after else "changed"
        html = word_diff_html(before, after)
        blocks.append(DiffBlock(status, facet_label, html))
    if not blocks:
        return None
    names = [block.heading.lower() for block in blocks]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " et " + names[-1]
    summary = f"{listed} modifié" + ("s" if len(names) > 1 or names[0].endswith("s") else "")
    return SectionChange(FACTS_KEY, FACTS_LABEL, summary, ChangeCounts(), tuple(blocks))


# List sections


@dataclass(frozen=True)
class _Item:
    value: object  # the exchange dataclass (or str): equality means "unchanged"
    key: str  # what names the item: a step's title, a difficulty's question…
    lines: tuple[str, ...]  # its words, line by line, as a reader sees them


def _items(kind: str, data: PracticeData) -> list[_Item]:
    if kind == "steps":
        return [
            _Item(step, step.title, (step.title, *plain_lines(step.text))) for step in data.steps
        ]
    if kind == "difficulties":
        return [
            _Item(item, item.question, (item.question, "Réponse :", *plain_lines(item.answer)))
            for item in data.difficulties
        ]
    if kind == "memo":
        return [_Item(text, text, (text,)) for text in data.memo]
    if kind == "quotes":
        return [
            _Item(quote, quote.text, (quote.text, f"— {quote.who}") if quote.who else (quote.text,))
            for quote in data.quotes
        ]
    return [
        _Item(resource, resource.label, (resource.label, resource.url))
        for resource in data.resources
    ]


ITEM_NAMES = {
    "steps": "Étape",
    "difficulties": "Difficulté",
    "memo": "Élément",
    "quotes": "Parole",
    "resources": "Ressource",
}


def _likeness(old: _Item, new: _Item) -> float:
    score = SequenceMatcher(None, " ".join(old.lines), " ".join(new.lines), autojunk=False).ratio()
    if old.key and old.key == new.key:
        score = max(score, 0.9)  # same title or question: the same item, rewritten
    return score


def _match_items(old: list[_Item], new: list[_Item]) -> dict[int, int]:
    """Pairs (old index → new index) of the items that are the same item in both versions.

    Unchanged runs are aligned first; then, among what is left, the most alike items are
    paired; last, items left at the same place of a rewritten run count as edited in place.
    That way inserting one item in the middle reads "1 ajoutée", not "3 modifiées".
    """
    matcher = SequenceMatcher(None, [item.value for item in old], [item.value for item in new])
    pairs: dict[int, int] = {}
    rewritten_runs = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update(zip(range(i1, i2), range(j1, j2), strict=True))
        else:
            rewritten_runs.append((range(i1, i2), range(j1, j2)))
    left_old = [i for run, _ in rewritten_runs for i in run]
    left_new = [j for _, run in rewritten_runs for j in run]
    candidates = sorted(
        (-_likeness(old[i], new[j]), abs(i - j), i, j) for i in left_old for j in left_new
    )
    taken_new: set[int] = set()
    for negative_score, _distance, i, j in candidates:
        if -negative_score < SIMILAR_ENOUGH:
            break
        if i not in pairs and j not in taken_new:
            pairs[i] = j
            taken_new.add(j)
    for old_run, new_run in rewritten_runs:
        unpaired_new = [j for j in new_run if j not in taken_new]
        for i, j in zip([i for i in old_run if i not in pairs], unpaired_new, strict=False):
            pairs[i] = j
            taken_new.add(j)
    return pairs


def _agreed(verb: str, count: int, masculine: bool) -> str:
    """ "ajouté" agreed with the items it is said of: "ajoutée", "ajoutés"…"""
    return verb + ("" if masculine else "e") + ("s" if count > 1 else "")


def _list_blocks(kind: str, before: list[_Item], after: list[_Item]) -> list[DiffBlock]:
    """The blocks of a list section, in the order of the new version (removed ones where
    they stood); "moved" blocks only when the order of the items changed."""
    pairs = _match_items(before, after)
    name, masculine = ITEM_NAMES[kind], kind in MASCULINE_ITEMS
    new_order = [j for _i, j in sorted(pairs.items())]
    reordered = new_order != sorted(new_order)
    found: list[tuple[int, DiffBlock]] = []

    def add(position: int, status: str, heading: str, old_lines, new_lines) -> None:
        label = _agreed(STATUS_VERBS[status], 1, masculine)
        block = DiffBlock(status, heading, word_diff_html(old_lines, new_lines), label)
        found.append((position, block))

    for j, item in enumerate(after):
        if j not in pairs.values():
            add(j, "added", f"{name} {j + 1}", (), item.lines)
    for i, j in pairs.items():
        if before[i].value != after[j].value:
            add(j, "changed", f"{name} {j + 1}", before[i].lines, after[j].lines)
        elif reordered and i != j:
            add(j, "moved", f"{name} {j + 1}", after[j].lines, after[j].lines)
    for i, item in enumerate(before):
        if i not in pairs:
            add(i, "removed", f"{name} {i + 1} de l'ancienne version", item.lines, ())
    return [block for _position, block in sorted(found, key=lambda pair: pair[0])]


def _compare_list(kind: str, label: str, old: PracticeData, new: PracticeData):
    before, after = _items(kind, old), _items(kind, new)
    if [item.value for item in before] == [item.value for item in after]:
        return None
    blocks = _list_blocks(kind, before, after)
    counts = ChangeCounts(
        *(sum(block.status == status for block in blocks) for status in COUNTED_STATUSES)
    )
    masculine = kind in MASCULINE_ITEMS
    parts = [
        f"{count} {_agreed(STATUS_VERBS[status], count, masculine)}"
        for status, count in zip(COUNTED_STATUSES, astuple(counts), strict=True)
        if count
    ]
    if any(block.status == "moved" for block in blocks):
        parts.append("ordre changé")
    return SectionChange(kind, label, ", ".join(parts), counts, tuple(blocks))
