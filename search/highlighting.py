"""What a query means for the database engine (terms, typo variants, synonym phrases) and how
a hit shows where it matched: highlighted snippets per section and the matching difficulty.
"""

from dataclasses import dataclass, field
from functools import lru_cache

from django.utils.html import escape

from search.analysis import analyse, max_edits, similar_terms, tokens
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


def snippet(text: str, terms: frozenset[str]) -> str | None:
    """Escaped text around the first match, matched words in <mark>; None if nothing matched."""
    matched = [token for token in tokens(text) if token.term in terms]
    if not matched:
        return None
    start = max(0, matched[0].start - 50)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < matched[0].start else start
    end = min(len(text), start + SNIPPET_WIDTH)
    if end < len(text):
        space = text.rfind(" ", matched[0].end, end)
        end = space if space > 0 else end
    pieces, cursor = [], start
    for token in matched:
        if token.start < start or token.end > end:
            continue
        pieces.append(escape(text[cursor : token.start]))
        pieces.append(f"<mark>{escape(text[token.start : token.end])}</mark>")
        cursor = token.end
    pieces.append(escape(text[cursor:end]))
    return ("…" if start else "") + "".join(pieces) + ("…" if end < len(text) else "")


def section_terms(document: SearchDocument) -> dict:
    """Analysed terms of each section, computed once at indexing time and stored."""
    return {
        "title": sorted(set(analyse(document.title))),
        "summary": sorted(set(analyse(document.summary))),
        **{key: sorted(set(analyse(text))) for key, text in document.sections.items()},
        "difficulties": [
            [sorted(set(analyse(item.question))), sorted(set(analyse(item.answer)))]
            for item in document.difficulties
        ],
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
    known = known or section_terms(document)
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
