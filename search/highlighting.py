"""What a query means (terms, typo variants, synonym phrases) and how a hit shows where it
matched, on every engine: highlighted snippets per section and the matching difficulty.
"""

from dataclasses import dataclass, field
from functools import lru_cache
from html import escape  # as django.utils.html.escape, without its lazy-string wrapping

from search.analysis import analyse, iter_tokens, max_edits, similar_terms, tokens
from search.base import (
    OTHER_SECTIONS,
    SECTION_LABELS,
    DifficultyHit,
    Highlight,
    SearchDocument,
    SearchHit,
    SynonymGroup,
)

Phrase = tuple[str, ...]
MAX_FUZZY_VARIANTS = 3
MAX_HIGHLIGHTS = 3
SNIPPET_WIDTH = 180


@lru_cache(maxsize=4096)
def analysed_phrase(words: str) -> Phrase:
    return tuple(analyse(words))


@dataclass
class MatchPlan:
    """The query as clauses; a clause matches when any of its alternatives (phrases) does,
    and a practice matches when enough clauses do (all of one or two, three quarters of
    more: the same rule as the Elasticsearch-family engine's minimum_should_match "2<75%").

    A span of words that belongs to a glossary synonym group is one clause whose
    alternatives are the group's phrases: "aide aux devoirs" also matches "CLAS".
    """

    clauses: list[list[Phrase]] = field(default_factory=list)
    # The query's terms the index does not hold (outside synonym phrases): typos, maybe.
    # When there is none, no engine looks for words a letter or two away.
    unknown: frozenset[str] = frozenset()

    @classmethod
    def build(
        cls, text: str, vocabulary: frozenset[str], synonyms: list[SynonymGroup]
    ) -> "MatchPlan":
        terms = analyse(text)
        spans: dict[int, tuple[int, list[Phrase]]] = {}  # start -> (end, alternatives)
        covered: set[int] = set()
        for group in synonyms:
            phrases = list(dict.fromkeys(p for p in map(analysed_phrase, group.words) if p))
            for phrase in phrases:
                start = phrase_start(terms, phrase)
                span = set(range(start, start + len(phrase))) if start is not None else None
                if span and not span & covered:
                    spans[start] = (start + len(phrase), phrases)
                    covered |= span
                    break
        clauses: list[list[Phrase]] = []
        unknown: set[str] = set()
        position = 0
        while position < len(terms):
            if position in spans:
                end, phrases = spans[position]
                clauses.append(phrases)
                position = end
                continue
            term = terms[position]
            alternatives: list[Phrase] = [(term,)]
            if term not in vocabulary:
                unknown.add(term)
                if max_edits(term):
                    variants = similar_terms(term, vocabulary)[:MAX_FUZZY_VARIANTS]
                    alternatives += [(variant,) for variant in variants]
            clauses.append(alternatives)
            position += 1
        return cls(clauses, frozenset(unknown))

    @property
    def required(self) -> int:
        """How many clauses must match: all of one or two, three quarters (rounded down) of
        more."""
        count = len(self.clauses)
        return count if count <= 2 else (count * 3) // 4

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(term for clause in self.clauses for phrase in clause for term in phrase)


def phrase_start(terms: list[str], phrase: Phrase) -> int | None:
    size = len(phrase)
    for start in range(len(terms) - size + 1):
        if tuple(terms[start : start + size]) == phrase:
            return start
    return None


def snippet(text: str, terms: frozenset[str], first_offsets: dict | None = None) -> str | None:
    """Escaped text around the first match, matched words in <mark>; None if nothing matched.

    `first_offsets` (term -> offset of its first occurrence, stored at indexing time) lets
    the analysis start at the first match instead of the section's start: no word before
    it is a query term.
    """
    origin = 0
    if first_offsets:
        known = [first_offsets[term] for term in terms if term in first_offsets]
        origin = min(known) if known else 0
    # One pass over the words from `origin`: nothing matches before the first match, so the
    # window's words before it need no marking, and the words after it come from the same
    # stream (analysing the window a second time was most of a hit's cost).
    stream = iter_tokens(text, origin)
    first = next((token for token in stream if token.term in terms), None)
    if first is None:
        return None
    first_start, first_end = first.start, first.end
    start = max(0, first_start - 50)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first_start else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", first_end, end)
        end = space if space > 0 else end
    pieces = [
        escape(text[start:first_start]),
        f"<mark>{escape(text[first_start:first_end])}</mark>",
    ]
    cursor = first_end
    for token in stream:
        if token.end > end:
            break
        if token.term in terms:
            pieces.append(escape(text[cursor : token.start]))
            pieces.append(f"<mark>{escape(text[token.start : token.end])}</mark>")
            cursor = token.end
    pieces.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def analyse_document(document: SearchDocument) -> dict:
    """Every section's analysed tokens, in order (repeats kept, for term frequency)."""
    return {
        "title": tokens(document.title),
        "summary": tokens(document.summary),
        **{key: tokens(text) for key, text in document.sections.items()},
        "difficulties": [
            [analyse(item.question), analyse(item.answer)] for item in document.difficulties
        ],
    }


def section_terms(analysed: dict) -> dict:
    """Stored at indexing time: for each section, every term and the offset of its first
    occurrence; for each difficulty, the terms of its question and of its answer."""
    known: dict = {}
    for key, value in analysed.items():
        if key == "difficulties":
            known[key] = [
                [sorted(set(question)), sorted(set(answer))] for question, answer in value
            ]
        else:
            first: dict[str, int] = {}
            for token in value:
                first.setdefault(token.term, token.start)
            known[key] = first
    return known


def best_difficulty(document: SearchDocument, terms: frozenset[str], known: dict):
    """The difficulty whose question (counted twice) and answer share most query terms."""
    best, best_score = None, 0
    for difficulty, (question, answer) in zip(
        document.difficulties, known["difficulties"], strict=False
    ):
        score = 2 * len(terms.intersection(question)) + len(terms.intersection(answer))
        if score > best_score:
            best, best_score = difficulty, score
    return best


def describe_hit(
    document: SearchDocument, score: float, plan: MatchPlan, known: dict | None = None
) -> SearchHit:
    """The hit with up to three highlighted sections (in weight order) and its difficulty.

    `known` holds the section terms stored at indexing time: only sections that share a
    term with the query are tokenised again for their snippet.
    """
    terms = plan.terms
    known = known or section_terms(analyse_document(document))
    highlights: list[Highlight] = []

    def add(key: str, text: str, first_offsets: dict | None) -> None:
        if len(highlights) < MAX_HIGHLIGHTS and (first_offsets is None or first_offsets):
            marked = snippet(text, terms, first_offsets)
            if marked:
                highlights.append(Highlight(SECTION_LABELS[key], marked))

    def offsets(key: str) -> dict:
        """The section's first offsets of the query's terms (empty: no match there)."""
        first = known.get(key) or {}
        return {term: first[term] for term in terms if term in first}

    add("title", document.title, offsets("title"))
    add("summary", document.summary, offsets("summary"))
    difficulty = best_difficulty(document, terms, known)
    if difficulty:
        add("difficulties", f"{difficulty.question} — {difficulty.answer}", None)
    for key in ("memo", *OTHER_SECTIONS):
        add(key, document.sections.get(key, ""), offsets(key))
    return SearchHit(
        page_id=document.page_id,
        slug=document.slug,
        title=document.title,
        url=document.url,
        summary=document.summary,
        score=round(score, 4),
        highlights=highlights[:MAX_HIGHLIGHTS],
        difficulty=DifficultyHit(
            question=difficulty.question,
            answer=difficulty.answer,
            anchor=difficulty.anchor,
        )
        if difficulty
        else None,
    )
