"""The content of one practice as the exchange format carries it, free of any Django model."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Step:
    title: str  # plain text
    text: str  # sanitised HTML, Wagtail rich text style ("" when the step has no text)


@dataclass(frozen=True)
class Difficulty:
    question: str  # plain text
    answer: str  # sanitised HTML, without the "Réponse trouvée :" prefix


@dataclass(frozen=True)
class Quote:
    text: str  # plain text, without the surrounding « »
    who: str  # plain text, without the leading dash ("" when nobody is named)


@dataclass(frozen=True)
class Resource:
    label: str
    url: str  # http, https or mailto


@dataclass
class PracticeData:
    """One practice: front matter facts, then the body sections in the order of the template.

    Plain-text fields hold text as written (a template escapes it); rich fields hold HTML
    restricted to p, b, i, ul, ol, li, a[href], br, h3 and h4, or "" when the section is absent.
    """

    title: str
    slug: str
    summary: str
    themes: list[str]
    audience: list[str]
    stage: str
    levels: list[str] = field(default_factory=list)
    structure: str = ""
    territory: str = ""
    partners: list[str] = field(default_factory=list)
    context: str = ""
    objectives: str = ""
    ingredients: str = ""
    what_worked: str = ""
    steps: list[Step] = field(default_factory=list)
    difficulties: list[Difficulty] = field(default_factory=list)
    memo: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
