"""Marks the first occurrence of each glossary term in a section as an accessible tooltip.

The tooltip is a link to the glossary entry (works without JavaScript, by keyboard and on
touch) described by a hidden definition that CSS shows on hover and focus.
"""

import itertools
import re
from collections.abc import Iterable

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from wiki.models import GlossaryTerm

TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
APOSTROPHE = r"(?:'|’|&#x27;|&#39;)"
# Inside these elements a term is left alone (a link inside a link is invalid HTML).
SKIPPED_ELEMENTS = ("a", "h1", "h2", "h3", "h4", "code")


def term_pattern(term: str) -> str:
    escaped = re.escape(term).replace("'", APOSTROPHE).replace("’", APOSTROPHE)
    # Acronyms are matched as written ("REP" must not match "rep" in "repas").
    if term.upper() == term:
        return escaped
    return f"(?i:{escaped})"


class GlossaryMarker:
    def __init__(self, terms: Iterable[GlossaryTerm], glossary_url: str):
        self.glossary_url = glossary_url
        self.terms = sorted(terms, key=lambda term: len(term.term), reverse=True)
        self.counter = itertools.count(1)
        if self.terms:
            alternatives = "|".join(
                f"(?P<t{index}>{term_pattern(term.term)})" for index, term in enumerate(self.terms)
            )
            self.pattern = re.compile(rf"(?<![\w&#])(?:{alternatives})(?![\w+])")
        else:
            self.pattern = None

    def mark_text(self, text: str, seen: set[str]) -> str:
        """Escape plain text and mark the terms not yet `seen` in this section."""
        return self.mark_segment(str(escape(text)), seen)

    def mark_html(self, html: str, seen: set[str]) -> str:
        """Mark terms in the text parts of trusted (already sanitised and expanded) HTML."""
        if self.pattern is None or not html:
            return html
        parts = TAG_OR_TEXT.split(html)
        skipped_depth = 0
        for position, part in enumerate(parts):
            if part.startswith("<"):
                name = part.strip("</>").split()[0].lower() if part.strip("</> ") else ""
                if name in SKIPPED_ELEMENTS:
                    skipped_depth += -1 if part.startswith("</") else 1
            elif part and skipped_depth == 0:
                parts[position] = self.mark_segment(part, seen)
        return "".join(parts)

    def mark_segment(self, escaped_text: str, seen: set[str]) -> str:
        if self.pattern is None:
            return escaped_text

        def replace(match: re.Match) -> str:
            term = self.terms[int(match.lastgroup[1:])]
            if term.term in seen:
                return match.group(0)
            seen.add(term.term)
            return self.tooltip(term, match.group(0))

        return self.pattern.sub(replace, escaped_text)

    def tooltip(self, term: GlossaryTerm, shown_text: str) -> str:
        tip_id = f"def-{term.slug}-{next(self.counter)}"
        meaning = f"{term.expansion}. " if term.expansion else ""
        # shown_text is already escaped text from the section: keep it as it is.
        return format_html(
            '<span class="gloss"><a class="gloss__term" href="{}#{}" aria-describedby="{}">'
            '{}</a><span class="gloss__tip" role="tooltip" id="{}"><strong>{}</strong> : {}{}'
            "</span></span>",
            self.glossary_url,
            term.anchor,
            tip_id,
            mark_safe(shown_text),  # already-escaped text of the section
            tip_id,
            term.term,
            meaning,
            term.short_definition,
        )
