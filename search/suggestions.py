"""Suggestions while typing: practice titles and glossary terms, accents optional."""

from search.analysis import fold
from search.models import SearchEntry
from wiki.models import GlossaryTerm

MIN_LENGTH = 2
MAX_SUGGESTIONS = 8


def printable(text: str) -> str:
    """Control characters (NUL among them, which PostgreSQL refuses in text) become spaces."""
    return "".join(char if char.isprintable() else " " for char in text)


def suggest(prefix: str) -> list[dict[str, str]]:
    folded = fold(" ".join(printable(prefix).split()))
    if len(folded) < MIN_LENGTH:
        return []
    suggestions = []
    for term in GlossaryTerm.objects.only("term", "expansion", "slug"):
        words = fold(f"{term.term} {term.expansion}").replace("'", " ").split()
        if any(word.startswith(folded) for word in words):
            label = f"{term.term} — {term.expansion}" if term.expansion else term.term
            suggestions.append(
                {
                    "label": label,
                    "url": f"/glossaire/#{term.anchor}",
                    "kind": "glossaire",
                    "query": term.term,
                }
            )
    # Only public practices are in the index: drafts and private pages never show here.
    starts = SearchEntry.objects.filter(folded_title__startswith=folded).order_by("folded_title")
    # Then titles with a word starting so: "colere" finds "Une maman en colère…".
    contains = SearchEntry.objects.filter(folded_title__contains=" " + folded).exclude(
        folded_title__startswith=folded
    )
    for entry in [*starts[:MAX_SUGGESTIONS], *contains.order_by("folded_title")[:MAX_SUGGESTIONS]]:
        suggestions.append(
            {
                "label": entry.title,
                "url": entry.document["url"],
                "kind": "fiche",
                "query": entry.title,
            }
        )
    return suggestions[:MAX_SUGGESTIONS]
