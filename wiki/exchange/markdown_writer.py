"""Rich text HTML written back as the Markdown the parser reads into the same HTML.

It knows the tags the parser produces (p, b, i, ul, ol, li, a, br, h3, h4) and is lenient
with others, such as Wagtail's `<strong>`, `<em>`, `<h2>` or `data-block-key` attributes:
their text is kept. Text is escaped only where Markdown would read it as markup, so that
French prose stays readable ("l'école", "C'est fini.") and the round trip stays exact.
"""

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

from .rich_text import (
    MARKDOWN,
    canonical_inline_html,
    inline_children,
    inline_html,
    is_allowed_url,
    parse_markdown,
)
from .text import collapse_spaces

_VOID_TAGS = frozenset({"br", "hr", "img", "embed", "wbr", "input", "meta", "link", "source"})
_SKIPPED_TAGS = frozenset({"script", "style", "template", "head", "title"})
_BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "div", "pre"}
    | {"section", "article", "header", "footer", "aside", "figure", "figcaption", "hr"}
    | {"table", "thead", "tbody", "tfoot", "tr", "td", "th", "dl", "dt", "dd", "embed"}
)
_EMPHASIS = {"b": "b", "strong": "b", "i": "i", "em": "i"}

_ALWAYS_ESCAPED = re.compile(r"([\\`*_\[\]<])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_LINE_START_MARKUP = "#>+-=~|"  # headings, quotes, lists, setext underlines, fences


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list["Element | str"] = field(default_factory=list)


@dataclass(frozen=True)
class MarkdownBlock:
    kind: str  # "paragraph", "heading" or "list"
    text: str


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.stack = [self.root]
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        if self.skipping:
            return
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in _VOID_TAGS:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in _SKIPPED_TAGS:
            self.stack[-1].children.append(Element(tag, {n: v or "" for n, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS:
            self.skipping = max(self.skipping - 1, 0)
            return
        if self.skipping:
            return
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse_html(markup: str) -> Element:
    """A lenient element tree of an HTML fragment (unclosed tags close with their parent)."""
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    return builder.root


def html_to_markdown(markup: str, *, smallest_heading: int = 3) -> str:
    """The Markdown of a rich text HTML fragment, blocks separated by blank lines."""
    return join_blocks(html_to_blocks(markup, smallest_heading=smallest_heading))


def html_to_blocks(markup: str, *, smallest_heading: int = 3) -> list[MarkdownBlock]:
    """The Markdown blocks of a rich text HTML fragment.

    `smallest_heading` is the highest heading level allowed: 3 in a section (whose own
    heading is `##`), 4 in a difficulty's answer (whose question is `###`).
    """
    return _BlockWriter(smallest_heading).blocks(parse_html(markup).children)


def join_blocks(blocks: Iterable[MarkdownBlock]) -> str:
    return "\n\n".join(block.text for block in blocks)


def escape_text(text: str) -> str:
    """Plain text escaped so that Markdown reads it back as the same text, spaces collapsed."""
    return _escaped(collapse_spaces(text).strip())


def _escaped(text: str) -> str:
    """Text with what Markdown would read as markup anywhere in a line escaped."""
    return _ENTITY_LIKE.sub(r"\\&", _ALWAYS_ESCAPED.sub(r"\\\1", text))


def escape_line_start(markdown: str) -> str:
    """Escape what would start a heading, quote, list or break at the start of a line."""
    if markdown[:1] and markdown[0] in _LINE_START_MARKUP:
        return "\\" + markdown
    return _LIST_NUMBER.sub(r"\1\\\2", markdown)


def heading_text(text: str) -> str:
    """Plain text for an ATX heading: a closing `#` would otherwise be dropped."""
    escaped = escape_text(text)
    return escaped[:-1] + "\\#" if escaped.endswith("#") else escaped


def link_destination(url: str) -> str:
    """A URL written as a Markdown link destination that reads back unchanged."""
    for character, encoded in ((" ", "%20"), ("\\", "%5C"), ("<", "%3C"), (">", "%3E")):
        url = url.replace(character, encoded)
    url = url.replace("(", "\\(").replace(")", "\\)")
    return _ENTITY_LIKE.sub(r"\\&", url)


def indent_item(marker: str, content: str) -> str:
    """A list item: the marker, then the content with its next lines aligned under it."""
    if not content:
        return marker.rstrip()
    padding = " " * len(marker)
    first, *rest = content.split("\n")
    return "\n".join([marker + first, *(padding + line if line else "" for line in rest)])


class _BlockWriter:
    def __init__(self, smallest_heading: int) -> None:
        self.smallest_heading = smallest_heading

    def blocks(self, nodes: list[Element | str]) -> list[MarkdownBlock]:
        blocks: list[MarkdownBlock] = []
        inline_run: list[Element | str] = []
        previous_list_marker = ""
        for node in [*nodes, Element("end", {})]:
            if isinstance(node, str) or node.tag not in _BLOCK_TAGS | {"end"}:
                inline_run.append(node)
                continue
            if text := inline_markdown(inline_run):
                blocks.append(MarkdownBlock("paragraph", text))
                previous_list_marker = ""
            inline_run = []
            if node.tag in ("ul", "ol"):
                # Two lists in a row need different markers, or Markdown reads one list.
                marker = _list_marker(node.tag, previous_list_marker)
                if text := self._list(node, marker):
                    blocks.append(MarkdownBlock("list", text))
                    previous_list_marker = marker
            elif node.tag != "end":
                blocks.extend(self._block(node))
                previous_list_marker = ""
        return blocks

    def _block(self, element: Element) -> list[MarkdownBlock]:
        if element.tag == "p":
            text = inline_markdown(element.children)
            return [MarkdownBlock("paragraph", text)] if text else []
        if re.fullmatch(r"h[1-6]", element.tag):
            level = max(3 if int(element.tag[1]) <= 3 else 4, self.smallest_heading)
            text = inline_markdown(element.children, in_heading=True)
            return [MarkdownBlock("heading", "#" * level + (" " + text if text else ""))]
        if element.tag == "pre":
            lines = [line for line in _text_of(element).split("\n") if line.strip()]
            text = "\\\n".join(escape_line_start(escape_text(line)) for line in lines)
            return [MarkdownBlock("paragraph", text)] if text else []
        if element.tag in ("hr", "embed"):
            return []
        return self.blocks(element.children)  # li out of a list, blockquote, div, table…

    def _list(self, element: Element, marker: str) -> str:
        items = [child for child in element.children if isinstance(child, Element)]
        loose = any(
            isinstance(child, Element) and child.tag == "p"
            for item in items
            for child in item.children
        )
        separator = "\n\n" if loose else "\n"
        written = []
        contents = [
            separator.join(block.text for block in self.blocks(item.children)) for item in items
        ]
        contents = [content for content in contents if content]  # as the parser does
        for number, content in enumerate(contents, start=1):
            item_marker = f"{number}{marker} " if element.tag == "ol" else f"{marker} "
            written.append(indent_item(item_marker, content))
        return separator.join(written)


def _list_marker(tag: str, previous_marker: str) -> str:
    if tag == "ol":
        return ")" if previous_marker == "." else "."
    return "*" if previous_marker == "-" else "-"


def _text_of(node: Element | str) -> str:
    if isinstance(node, str):
        return node
    return "\n" if node.tag == "br" else "".join(_text_of(child) for child in node.children)


# Inline content goes through a flat list of tokens, which makes it easy to move spaces out
# of emphasis (`** a**` is not bold in Markdown) and to know what starts a line.
# A token is ("text", str), ("open", kind, href), ("close", kind, href) or ("break",).
Token = tuple[str, ...]


def inline_markdown(nodes: list[Element | str], *, in_heading: bool = False) -> str:
    """The Markdown of inline HTML content, as a paragraph (or heading) text.

    Some HTML has no Markdown form: `<b>1.</b>Texte` written `**1.**Texte` is not bold,
    because Markdown only closes emphasis before a space or punctuation. Each text is
    therefore read back; when it reads differently, it is written again without its
    emphasis, then without its links, so that what is written always reads back the same.
    """
    tokens = _flattened(nodes, inside=set())
    if in_heading:
        tokens = [("text", " ") if token[0] == "break" else token for token in tokens]
    tokens = _tidied(tokens)
    markdown = _written(tokens, in_heading=in_heading)
    for kept_markup in (("a",), ()):
        if _reads_back(markdown, tokens, in_heading=in_heading):
            break
        tokens = _tidied([t for t in tokens if t[0] in ("text", "break") or t[1] in kept_markup])
        markdown = _written(tokens, in_heading=in_heading)
    return markdown


def _reads_back(markdown: str, tokens: list[Token], *, in_heading: bool) -> bool:
    if not markdown:
        return True
    blocks = parse_markdown(f"### {markdown}" if in_heading else markdown).children
    expected_type = "heading" if in_heading else "paragraph"
    if len(blocks) != 1 or blocks[0].type != expected_type:
        return False
    expected = canonical_inline_html("".join(_token_html(token) for token in tokens))
    return inline_html(inline_children(blocks[0])) == expected


def _token_html(token: Token) -> str:
    if token[0] == "text":
        return html.escape(token[1], quote=False)
    if token[0] == "break":
        return "<br>"
    if token[0] == "close":
        return f"</{token[1]}>"
    return f'<a href="{html.escape(token[2])}">' if token[1] == "a" else f"<{token[1]}>"


def _flattened(nodes: Iterable[Element | str], *, inside: set[str]) -> list[Token]:
    tokens: list[Token] = []
    for node in nodes:
        if isinstance(node, str):
            tokens.append(("text", node))
        elif node.tag == "br":
            tokens.append(("break",))
        elif (kind := _inline_kind(node)) and kind not in inside:
            # The address as Markdown will read it back: "é" as "%C3%A9", a space as "%20".
            href = MARKDOWN.normalizeLink(node.attrs["href"]) if kind == "a" else ""
            tokens.append(("open", kind, href))
            tokens.extend(_flattened(node.children, inside=inside | {kind}))
            tokens.append(("close", kind, href))
        elif node.tag not in _VOID_TAGS:
            tokens.extend(_flattened(node.children, inside=inside))
    return tokens


def _inline_kind(element: Element) -> str:
    if element.tag == "a":
        return "a" if is_allowed_url(element.attrs.get("href", "")) else ""
    return _EMPHASIS.get(element.tag, "")


def _tidied(tokens: list[Token]) -> list[Token]:
    """Spaces collapsed and moved outside emphasis and links; empty markup and edges dropped."""
    tokens = [("text", collapse_spaces(t[1])) if t[0] == "text" else t for t in tokens]
    previous = None
    while previous != tokens:
        previous = tokens
        tokens = _without_empty_markup(_spaces_moved_out(_merged_text(tokens)))
    return _trimmed_around_breaks(_merged_text(tokens))


def _merged_text(tokens: list[Token]) -> list[Token]:
    merged: list[Token] = []
    for token in tokens:
        if token[0] == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", collapse_spaces(merged[-1][1] + token[1]))
        elif token != ("text", ""):
            merged.append(token)
    return merged


def _spaces_moved_out(tokens: list[Token]) -> list[Token]:
    moved = list(tokens)
    for index in range(len(moved) - 1):
        kind, following = moved[index][0], moved[index + 1]
        if kind == "open" and following[0] == "text" and following[1].startswith(" "):
            moved[index + 1] = ("text", following[1][1:])
            moved[index : index + 1] = [("text", " "), moved[index]]
            return moved
        if kind == "text" and following[0] == "close" and moved[index][1].endswith(" "):
            moved[index] = ("text", moved[index][1][:-1])
            moved[index + 1 : index + 2] = [following, ("text", " ")]
            return moved
    return moved


def _without_empty_markup(tokens: list[Token]) -> list[Token]:
    """Without `<b></b>`, and with `<b>x</b><b>y</b>` joined: `**x****y**` is not bold twice."""
    for index in range(len(tokens) - 1):
        current, following = tokens[index], tokens[index + 1]
        if current[0] == "open" and following[0] == "close":
            return tokens[:index] + tokens[index + 2 :]
        if current[0] == "close" and following[:2] == ("open", current[1]) != ("open", "a"):
            return tokens[:index] + tokens[index + 2 :]
    return tokens


def _trimmed_around_breaks(tokens: list[Token]) -> list[Token]:
    trimmed: list[Token] = []
    for index, token in enumerate(tokens):
        if token[0] == "text":
            text = token[1]
            if index == 0 or tokens[index - 1][0] == "break":
                text = text.lstrip(" ")
            if index == len(tokens) - 1 or tokens[index + 1][0] == "break":
                text = text.rstrip(" ")
            if text:
                trimmed.append(("text", text))
        else:
            trimmed.append(token)
    while trimmed and trimmed[0][0] == "break":
        trimmed.pop(0)
    while trimmed and trimmed[-1][0] == "break":
        trimmed.pop()
    return trimmed


def _written(tokens: list[Token], *, in_heading: bool) -> str:
    at_line_start = not in_heading
    parts: list[str] = []
    italic_markers: list[str] = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else ("end",)
        if token[0] == "text":
            text = _escaped(token[1])
            if at_line_start:
                text = escape_line_start(text)
            if following[:2] == ("open", "a") and text.endswith("!"):
                text = text[:-1] + "\\!"  # or "![" would start an image
            parts.append(text)
        elif token[0] == "break":
            parts.append("\\\n")
            at_line_start = True
            continue
        elif token[1] == "b":
            parts.append("**")
        elif token[1] == "i":
            parts.append(_italic_marker(tokens, index, italic_markers))
        elif token[0] == "open":
            parts.append("[")
        else:
            parts.append(f"]({link_destination(token[2])})")
        at_line_start = False
    markdown = "".join(parts)
    if in_heading and markdown.endswith("#"):
        return markdown[:-1] + "\\#"  # or it would be read as closing the heading
    return markdown


def _italic_marker(tokens: list[Token], index: int, open_markers: list[str]) -> str:
    """`*` for italics, but `_` right inside bold: `***a***` would read as italic outside bold."""
    if tokens[index][0] == "close":
        return open_markers.pop()
    previous = tokens[index - 1] if index > 0 else ("start",)
    marker = (
        "_" if previous[:2] == ("open", "b") or _closes_right_before_bold(tokens, index) else "*"
    )
    open_markers.append(marker)
    return marker


def _closes_right_before_bold(tokens: list[Token], index: int) -> bool:
    depth = 0
    for position in range(index, len(tokens)):
        token = tokens[position]
        if token[:2] == ("open", "i"):
            depth += 1
        elif token[:2] == ("close", "i"):
            depth -= 1
            if depth == 0:
                following = tokens[position + 1] if position + 1 < len(tokens) else ("end",)
                return following[:2] == ("close", "b")
    return False
