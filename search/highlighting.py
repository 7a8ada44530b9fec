"""What a query means for the database engine (terms, typo variants, synonym phrases) and how
a hit shows where it matched: highlighted snippets per section and the matching difficulty.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape

from search.analysis import analyse, fold, iter_tokens, max_edits, similar_terms
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


def contains_phrase(terms: list[str], phrase: Phrase) -> bool:
    size = len(phrase)
    return size > 0 and any(
        tuple(terms[start : start + size]) == phrase for start in range(len(terms) - size + 1)
    )


@dataclass
class MatchPlan:
    """The query as clauses; a clause matches when any of its alternatives (phrases) does."""

    clauses: list[list[Phrase]] = field(default_factory=list)

    @classmethod
    def build(
        cls, text: str, vocabulary: frozenset[str], synonyms: list[SynonymGroup]
    ) -> "MatchPlan":
        terms = analyse(text)
        clauses: list[list[Phrase]] = []
        for term in terms:
            alternatives: list[Phrase] = [(term,)]
            if term not in vocabulary and max_edits(term):
                alternatives += [
                    (variant,) for variant in similar_terms(term, vocabulary)[:MAX_FUZZY_VARIANTS]
                ]
            clauses.append(alternatives)
        for group in synonyms:
            phrases = [analysed_phrase(word) for word in group.words]
            if any(contains_phrase(terms, phrase) for phrase in phrases):
                clauses.append(list(dict.fromkeys(phrase for phrase in phrases if phrase)))
        return cls(clauses)

    @property
    def is_empty(self) -> bool:
        return not self.clauses

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(term for clause in self.clauses for phrase in clause for term in phrase)


def scan_start(text: str, terms: frozenset[str]) -> int:
    """Where to start looking for the first match: a stem is usually the start of its folded
    word, so the earliest stem found in the folded text is a safe place to begin (a word
    boundary before it). Analysing a long section from its start costs far more."""
    folded = fold(text)
    found = [position for term in terms if (position := folded.find(term)) >= 0]
    if not found or len(folded) != len(text):
        return 0
    boundary = text.rfind(" ", 0, min(found))
    return boundary + 1 if boundary > 0 else 0


def snippet(text: str, terms: frozenset[str]) -> str | None:
    """Escaped text around the first match, matched words in <mark>; None if nothing matched.

    Words are analysed one at a time and only up to the end of the snippet's window.
    """
    offset = scan_start(text, terms)
    stream = (
        token._replace(start=token.start + offset, end=token.end + offset)
        for token in iter_tokens(text[offset:])
    )
    first = next((token for token in stream if token.term in terms), None)
    if first is None and offset:
        stream = iter_tokens(text)
        first = next((token for token in stream if token.term in terms), None)
    if first is None:
        return None
    start = max(0, first.start - 50)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", first.end, end)
        end = space if space > 0 else end
    matched = [first]
    for token in stream:
        if token.end > end:
            break
        if token.term in terms:
            matched.append(token)
    pieces, cursor = [], start
    for token in matched:
        pieces.append(escape(text[cursor : token.start]))
        pieces.append(f"<mark>{escape(text[token.start : token.end])}</mark>")
        cursor = token.end
    pieces.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def analyse_document(document: SearchDocument) -> dict:
    """Every section's analysed terms, in order (repeats kept, for term frequency)."""
    return {
        "title": analyse(document.title),
        "summary": analyse(document.summary),
        **{key: analyse(text) for key, text in document.sections.items()},
        "difficulties": [
            [analyse(item.question), analyse(item.answer)] for item in document.difficulties
        ],
    }


def section_terms(analysed: dict) -> dict:
    """The distinct terms of each section, stored at indexing time to pick highlights fast."""
    return {
        key: (
            [[sorted(set(question)), sorted(set(answer))] for question, answer in value]
            if key == "difficulties"
            else sorted(set(value))
        )
        for key, value in analysed.items()
    }


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

    def add(key: str, text: str, candidate: bool) -> None:
        if len(highlights) < MAX_HIGHLIGHTS and candidate:
            marked = snippet(text, terms)
            if marked:
                highlights.append(Highlight(SECTION_LABELS[key], marked))

    add("title", document.title, not terms.isdisjoint(known["title"]))
    add("summary", document.summary, not terms.isdisjoint(known["summary"]))
    difficulty = best_difficulty(document, terms, known)
    if difficulty:
        add("difficulties", f"{difficulty.question} — {difficulty.answer}", True)
    for key in ("memo", *OTHER_SECTIONS):
        add(key, document.sections.get(key, ""), not terms.isdisjoint(known.get(key, ())))
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
