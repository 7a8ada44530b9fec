"""The Markdown body of a practice file: its level-two sections and what each one holds."""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from markdown_it.tree import SyntaxTreeNode

from wiki.vocabulary import BODY_SECTIONS
from wiki.vocabulary import Section as SectionSpec

from .data import Difficulty, Quote, Resource, Step
from .errors import PracticeFormatError
from .rich_text import (
    InlineItem,
    blocks_html,
    inline_children,
    is_allowed_url,
    node_plain_text,
    paragraph_html,
    parse_markdown,
    plain_text,
)
from .text import heading_key

SECTIONS_BY_HEADING = {heading_key(section.label): section for section in BODY_SECTIONS}
ACCEPTED_HEADINGS = ", ".join(f"« {section.label} »" for section in BODY_SECTIONS)

# "Réponse trouvée :", "Réponse :", in any case, with or without accents.
_ANSWER_PREFIX = re.compile(r"\s*r[eéè]ponses?(?:\s+trouv[eéè]es?)?\s*:\s*", re.IGNORECASE)
_ANSWER_LABEL = re.compile(r"\s*r[eéè]ponses?(?:\s+trouv[eéè]es?)?\s*:?\s*", re.IGNORECASE)
_STEP_SEPARATOR = re.compile(r"\s*(?:[—–:]|-(?=\s|$))\s*")
_CHECKBOX = re.compile(r"\[[ xX]?\]\s*")
_WHO_DASH = re.compile(r"[—–-]+\s*")
_BARE_LINK = re.compile(r"\[(?P<label>.*)\]\((?P<url>.*)\)")
_QUOTE_MARKS = (("«", "»"), ("“", "”"), ('"', '"'), ("„", "“"))


@dataclass
class _Section:
    spec: SectionSpec
    line: int  # file line of its heading
    blocks: list[SyntaxTreeNode] = field(default_factory=list)


class _Lines:
    """Turns line ranges of the body into line numbers of the file."""

    def __init__(self, first_body_line: int) -> None:
        self.first_body_line = first_body_line

    def of(self, node: SyntaxTreeNode) -> int:
        return self.first_body_line + (node.map[0] if node.map else 0)


def read_body(body: str, *, first_line: int, last_line: int) -> dict[str, Any]:
    """The value of every body section, by key; `first_line` is the file line of the body.

    Rich sections give HTML, the others lists of data objects; absent optional sections
    give "" or []. A missing required section is reported at `last_line`.
    """
    lines = _Lines(first_line)
    sections = _split_sections(parse_markdown(body), lines)
    values: dict[str, Any] = {}
    for section in sections.values():
        values[section.spec.key] = _READERS[section.spec.kind](section, lines)
        if section.spec.required and not values[section.spec.key]:
            raise PracticeFormatError(
                f"La section obligatoire « {section.spec.label} » est vide.", section.line
            )
    for spec in BODY_SECTIONS:
        if spec.key not in values:
            if spec.required:
                raise PracticeFormatError(
                    f"Il manque la section obligatoire « ## {spec.label} ».", last_line
                )
            values[spec.key] = "" if spec.kind == "rich" else []
    return values


def _refuse_level_one_headings(block: SyntaxTreeNode, lines: _Lines) -> None:
    for node in block.walk():
        if node.type == "heading" and node.tag == "h1":
            raise PracticeFormatError(
                "Titre de niveau un (« # … ») refusé : le titre de la fiche va dans l'en-tête "
                "(title) et les sections commencent par « ## ».",
                lines.of(node),
            )


def _split_sections(root: SyntaxTreeNode, lines: _Lines) -> dict[str, _Section]:
    sections: dict[str, _Section] = {}
    current: _Section | None = None
    for block in root.children:
        _refuse_level_one_headings(block, lines)
        if block.type == "heading" and block.tag == "h2":
            current = _start_section(block, sections, lines)
        elif current is None:
            raise PracticeFormatError(
                "Du texte se trouve avant la première section : après l'en-tête, chaque partie "
                "commence par un titre « ## » (par exemple « ## Le point de départ »).",
                lines.of(block),
            )
        else:
            current.blocks.append(block)
    return sections


def _start_section(
    heading: SyntaxTreeNode, sections: dict[str, _Section], lines: _Lines
) -> _Section:
    text = plain_text(inline_children(heading))
    line = lines.of(heading)
    spec = SECTIONS_BY_HEADING.get(heading_key(text))
    if spec is None:
        raise PracticeFormatError(
            f"Section inconnue « {text} ». Sections acceptées : {ACCEPTED_HEADINGS}.", line
        )
    if spec.key in sections:
        raise PracticeFormatError(
            f"La section « {spec.label} » apparaît deux fois "
            f"(déjà à la ligne {sections[spec.key].line}).",
            line,
        )
    sections[spec.key] = _Section(spec, line)
    return sections[spec.key]


def _read_rich(section: _Section, lines: _Lines) -> str:
    return blocks_html(section.blocks)


def _only_list(
    section: _Section, list_type: str, lines: _Lines, expected: str
) -> list[SyntaxTreeNode]:
    """The items of the one list a section must consist of ([] for an empty section)."""
    for index, block in enumerate(section.blocks):
        if index > 0 or block.type != list_type:
            raise PracticeFormatError(
                f"La section « {section.spec.label} » doit contenir une seule liste, "
                f"de la forme {expected}, et rien d'autre.",
                lines.of(block),
            )
    return section.blocks[0].children if section.blocks else []


def _read_steps(section: _Section, lines: _Lines) -> list[Step]:
    items = _only_list(section, "ordered_list", lines, "« 1. **Titre de l'étape** — texte »")
    return [_read_step(item, lines) for item in items]


def _read_step(item: SyntaxTreeNode, lines: _Lines) -> Step:
    blocks = item.children
    paragraph = blocks[0] if blocks and blocks[0].type == "paragraph" else None
    inline = _without_leading_blanks(inline_children(paragraph)) if paragraph else []
    title = plain_text(inline[0].children) if inline and inline[0].type == "strong" else ""
    if not title:
        raise PracticeFormatError(
            "Cette étape n'a pas de titre en gras : écrivez « 1. **Titre de l'étape** — texte ».",
            lines.of(item),
        )
    rest: list[InlineItem] = list(inline[1:])
    if rest and isinstance(rest[0], SyntaxTreeNode) and rest[0].type == "text":
        rest[0] = _STEP_SEPARATOR.sub("", rest[0].content, count=1)
    return Step(title=title, text=paragraph_html(rest) + blocks_html(blocks[1:]))


def _without_leading_blanks(items: list[SyntaxTreeNode]) -> list[SyntaxTreeNode]:
    """Inline nodes without the empty text Markdown leaves before a leading `**`."""
    while items and items[0].type == "text" and not items[0].content.strip():
        items = items[1:]
    return items


def _read_difficulties(section: _Section, lines: _Lines) -> list[Difficulty]:
    found: list[tuple[str, int, list[SyntaxTreeNode]]] = []
    for block in section.blocks:
        if block.type == "heading" and block.tag == "h3":
            question = plain_text(inline_children(block))
            if not question:
                raise PracticeFormatError("Titre de difficulté (« ### ») vide.", lines.of(block))
            found.append((question, lines.of(block), []))
        elif not found:
            raise PracticeFormatError(
                "Dans « Difficultés et réponses », chaque difficulté commence par un titre "
                "« ### » suivi de sa réponse ; ce texte arrive avant le premier « ### ».",
                lines.of(block),
            )
        else:
            found[-1][2].append(block)
    return [_difficulty(question, line, blocks) for question, line, blocks in found]


def _difficulty(question: str, line: int, blocks: list[SyntaxTreeNode]) -> Difficulty:
    answer = _answer_html(blocks)
    if not answer:
        raise PracticeFormatError(
            f"La difficulté « {question} » n'a pas de réponse : écrivez "
            "« Réponse trouvée : … » sous son titre.",
            line,
        )
    return Difficulty(question=question, answer=answer)


def _answer_html(blocks: list[SyntaxTreeNode]) -> str:
    if not blocks or blocks[0].type != "paragraph":
        return blocks_html(blocks)
    first = paragraph_html(_without_answer_prefix(inline_children(blocks[0])))
    return first + blocks_html(blocks[1:])


def _without_answer_prefix(items: list[SyntaxTreeNode]) -> list[InlineItem]:
    """The paragraph without its leading "Réponse trouvée :", written plain or in bold."""
    items = _without_leading_blanks(items)
    if not items:
        return []
    first = items[0]
    if first.type == "text" and (match := _ANSWER_PREFIX.match(first.content)):
        return [first.content[match.end() :], *items[1:]]
    if first.type in ("strong", "em") and _ANSWER_LABEL.fullmatch(plain_text(first.children)):
        rest: list[InlineItem] = list(items[1:])
        if rest and isinstance(rest[0], SyntaxTreeNode) and rest[0].type == "text":
            rest[0] = re.sub(r"^\s*:?\s*", "", rest[0].content)
        return rest
    return list(items)


def _read_memo(section: _Section, lines: _Lines) -> list[str]:
    memo = []
    for item in _only_list(section, "bullet_list", lines, "« - [ ] élément à ne pas oublier »"):
        text = _CHECKBOX.sub("", node_plain_text(item), count=1).strip()
        if not text:
            raise PracticeFormatError("Élément du mémo vide.", lines.of(item))
        memo.append(text)
    return memo


def _read_quotes(section: _Section, lines: _Lines) -> list[Quote]:
    quotes = []
    for block in section.blocks:
        if block.type != "blockquote":
            raise PracticeFormatError(
                "Dans « Paroles d'acteurs », chaque citation est un bloc dont les lignes "
                "commencent par « > », la dernière pouvant dire qui parle (« > — une "
                "enseignante »).",
                lines.of(block),
            )
        quotes.append(_quote(block, lines))
    return quotes


def _quote(block: SyntaxTreeNode, lines: _Lines) -> Quote:
    quote_lines = _quote_lines(block)
    who = ""
    if len(quote_lines) > 1 and _WHO_DASH.match(quote_lines[-1]):
        who = _WHO_DASH.sub("", quote_lines.pop(), count=1).strip()
    text = _without_quote_marks(" ".join(quote_lines))
    if not text:
        raise PracticeFormatError("Citation vide.", lines.of(block))
    return Quote(text=text, who=who)


def _quote_lines(block: SyntaxTreeNode) -> list[str]:
    quote_lines: list[str] = []
    for child in block.children:
        if child.type == "paragraph":
            quote_lines.extend(_paragraph_lines(inline_children(child)))
        elif child.type in ("bullet_list", "ordered_list"):
            # "> - une enseignante" is read by Markdown as a list: it is the "who" line.
            quote_lines.extend(f"- {node_plain_text(item)}" for item in child.children)
        elif child.type == "blockquote":
            quote_lines.extend(_quote_lines(child))
        else:
            quote_lines.append(node_plain_text(child))
    return [line for line in quote_lines if line.strip()]


def _paragraph_lines(items: list[SyntaxTreeNode]) -> list[str]:
    paragraph_lines: list[list[SyntaxTreeNode]] = [[]]
    for item in items:
        if item.type in ("softbreak", "hardbreak"):
            paragraph_lines.append([])
        else:
            paragraph_lines[-1].append(item)
    return [plain_text(line) for line in paragraph_lines]


def _without_quote_marks(text: str) -> str:
    text = text.strip()
    for opening, closing in _QUOTE_MARKS:
        if len(text) >= 2 and text.startswith(opening) and text.endswith(closing):
            return text[1:-1].strip()
    return text


def _read_resources(section: _Section, lines: _Lines) -> list[Resource]:
    items = _only_list(section, "bullet_list", lines, "« - [libellé](https://…) »")
    return [_resource(item, lines) for item in items]


def _resource(item: SyntaxTreeNode, lines: _Lines) -> Resource:
    line = lines.of(item)
    link = _single_link(item)
    if link is None:
        bare = _BARE_LINK.fullmatch(node_plain_text(item))
        if bare is None:
            raise PracticeFormatError(
                "Chaque ressource doit être un lien seul : « - [libellé](https://…) ».", line
            )
        _refuse_url(bare.group("url"), line)
    url = str(link.attrs.get("href", ""))
    if not is_allowed_url(url):
        _refuse_url(url, line)
    label = plain_text(link.children)
    if not label:
        raise PracticeFormatError(f"Le lien « {url} » n'a pas de libellé.", line)
    return Resource(label=label, url=url)


def _single_link(item: SyntaxTreeNode) -> SyntaxTreeNode | None:
    if len(item.children) != 1 or item.children[0].type != "paragraph":
        return None
    inline = [
        node
        for node in inline_children(item.children[0])
        if not (node.type == "text" and not node.content.strip())
    ]
    return inline[0] if len(inline) == 1 and inline[0].type == "link" else None


def _refuse_url(url: str, line: int) -> NoReturn:
    raise PracticeFormatError(
        f"Adresse refusée « {url} » : seules les adresses http://, https:// et mailto: "
        "sont acceptées.",
        line,
    )


_READERS: dict[str, Callable[[_Section, _Lines], Any]] = {
    "rich": _read_rich,
    "steps": _read_steps,
    "difficulties": _read_difficulties,
    "memo": _read_memo,
    "quotes": _read_quotes,
    "resources": _read_resources,
}
