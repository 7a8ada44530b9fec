"""Markdown syntax-tree nodes turned into sanitised rich text HTML, or into plain text.

The HTML is canonical: only the tags Wagtail's rich text stores here (p, b, i, ul, ol, li,
a[href], br, h3, h4), no newlines between tags, spaces collapsed. Being canonical is what
lets a file be rendered back to Markdown and read again into exactly the same HTML.
"""

import html
import re
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from .text import collapse_spaces

ALLOWED_TAGS = frozenset({"p", "b", "i", "ul", "ol", "li", "a", "br", "h3", "h4"})
LINK_SCHEMES = frozenset({"http", "https", "mailto"})

# Raw HTML in a file is shown as text, never interpreted: what people type is what they see.
MARKDOWN = MarkdownIt("commonmark", {"html": False})

InlineItem = SyntaxTreeNode | str  # a str stands for literal text


def parse_markdown(text: str) -> SyntaxTreeNode:
    """The syntax tree of a Markdown text; block nodes carry `.map` line ranges."""
    return SyntaxTreeNode(MARKDOWN.parse(text))


def is_allowed_url(url: str) -> bool:
    """Whether a link may point there: http(s) with a host, or mailto."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return bool(parts.path)
    return scheme in ("http", "https") and bool(parts.netloc)


def sanitise(markup: str) -> str:
    """The HTML reduced to the allow-list; links keep only an http(s) or mailto href."""
    cleaned = nh3.clean(
        markup,
        tags=set(ALLOWED_TAGS),
        attributes={"a": {"href"}},
        url_schemes=set(LINK_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )
    return re.sub(r"<a>(.*?)</a>", r"\1", cleaned)  # a link whose address was refused


def blocks_html(nodes: Iterable[SyntaxTreeNode]) -> str:
    """Sanitised HTML for a run of Markdown block nodes."""
    return sanitise("".join(_block_html(node) for node in nodes))


def paragraph_html(items: Sequence[InlineItem]) -> str:
    """Sanitised `<p>…</p>` for inline content, or "" when it holds no text."""
    inner = inline_html(items)
    return sanitise(f"<p>{inner}</p>") if inner else ""


def _block_html(node: SyntaxTreeNode, *, in_tight_list: bool = False) -> str:
    """HTML for one block; `in_tight_list` drops the <p> of text a tight list item holds."""
    if node.type == "paragraph":
        inner = inline_html(inline_children(node))
        return inner if node.hidden or in_tight_list or not inner else f"<p>{inner}</p>"
    if node.type == "heading":
        # h1 and h2 never reach here as headings of the content; deeper levels fold into h4.
        tag = "h3" if int(node.tag[1]) <= 3 else "h4"
        # A heading is one line: a break in it is a space.
        inner = canonical_inline_html(inline_html(inline_children(node)).replace("<br>", " "))
        return f"<{tag}>{inner}</{tag}>"
    if node.type in ("bullet_list", "ordered_list"):
        tag = "ul" if node.type == "bullet_list" else "ol"
        # An empty item shows nothing and has no stable Markdown form: it is left out.
        items = [item for item in node.children if _children_html(item, in_tight_list=True)]
        # One item with one block is always tight in Markdown, blank lines or not.
        tight = _is_tight(node) or (len(items) == 1 and _count_shown_blocks(items[0]) == 1)
        written = "".join(f"<li>{_children_html(item, in_tight_list=tight)}</li>" for item in items)
        return f"<{tag}>{written}</{tag}>" if written else ""
    if node.type == "blockquote":
        # Quotes are not part of the allow-list: their content stays, in place.
        return _children_html(node, in_tight_list=in_tight_list)
    if node.type in ("fence", "code_block"):
        # Neither is code: its lines become one paragraph.
        lines = [line.strip() for line in node.content.split("\n")]
        kept = [html.escape(collapse_spaces(line), quote=False) for line in lines if line]
        inner = "<br>".join(kept)
        return inner if in_tight_list or not inner else f"<p>{inner}</p>"
    return ""  # thematic breaks and anything else without text


def _children_html(node: SyntaxTreeNode, *, in_tight_list: bool) -> str:
    return "".join(_block_html(child, in_tight_list=in_tight_list) for child in node.children)


def _count_shown_blocks(node: SyntaxTreeNode) -> int:
    return sum(1 for child in node.children if _block_html(child, in_tight_list=True))


def _is_tight(list_node: SyntaxTreeNode) -> bool:
    """Whether Markdown shows the list's items without paragraphs (no blank line inside)."""
    return not any(
        child.type == "paragraph" and not child.hidden
        for item in list_node.children
        for child in item.children
    )


def inline_children(node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    """The inline nodes of a paragraph or a heading."""
    return list(node.children[0].children) if node.children else []


def inline_html(items: Sequence[InlineItem]) -> str:
    """Canonical HTML for inline content (see `canonical_inline_html`)."""
    return canonical_inline_html("".join(_inline_item_html(item, set()) for item in items))


def canonical_inline_html(markup: str) -> str:
    """Inline HTML with spaces collapsed and kept out of b, i and a, none at the ends or
    around <br>, touching b or i joined; a break at either end, which shows nothing, goes."""
    markup = collapse_spaces(markup)
    previous = None
    while previous != markup:
        previous = markup
        markup = re.sub(r"(<(?:b|i|a [^>]*)>) ", r" \1", markup)
        markup = re.sub(r" (</(?:b|i|a)>)", r"\1 ", markup)
        markup = re.sub(r"</(b|i)><\1>", "", markup)  # <b>x</b><b>y</b> shows as <b>xy</b>
        markup = collapse_spaces(markup)
    markup = re.sub(r" ?<br> ?", "<br>", markup)
    while markup != (trimmed := re.sub(r"^<br>|<br>$", "", markup.strip())):
        markup = trimmed  # Markdown drops no-break spaces at the edges too, hence strip()
    return markup


def _inline_item_html(item: InlineItem, inside: set[str]) -> str:
    """HTML for one inline item; `inside` holds the markup around it (bold in bold shows
    nothing more, so it is left out)."""
    if isinstance(item, str):
        return html.escape(item, quote=False)
    if item.type == "text" or item.type == "code_inline":
        return html.escape(item.content, quote=False)
    if item.type == "softbreak":
        return " "
    if item.type == "hardbreak":
        return "<br>"
    tag = {"strong": "b", "em": "i"}.get(item.type, "")
    inside_item = inside | {tag} if tag else inside
    inner = "".join(_inline_item_html(child, inside_item) for child in item.children)
    if tag and tag not in inside:
        return f"<{tag}>{inner}</{tag}>" if inner.strip() else inner
    if item.type == "link":
        href = str(item.attrs.get("href", ""))
        if is_allowed_url(href) and inner.strip():
            return f'<a href="{html.escape(href)}">{inner}</a>'
    return inner  # images give their alt text; unknown inline markup gives its text


def plain_text(items: Iterable[InlineItem]) -> str:
    """The text of inline content with its markup flattened, spaces collapsed and stripped."""
    return collapse_spaces("".join(_plain_text(item) for item in items)).strip()


def _plain_text(item: InlineItem) -> str:
    if isinstance(item, str):
        return item
    if item.type in ("text", "code_inline"):
        return item.content
    if item.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain_text(child) for child in item.children)


def node_plain_text(node: SyntaxTreeNode) -> str:
    """The text of a block node and everything inside it, blocks separated by a space."""
    if node.type == "inline":
        return plain_text(node.children)
    if node.type in ("fence", "code_block"):
        return collapse_spaces(node.content).strip()
    return " ".join(text for child in node.children if (text := node_plain_text(child)))
