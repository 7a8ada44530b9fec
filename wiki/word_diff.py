"""Readable text out of rich HTML, and a word-by-word diff of two texts as safe HTML."""

import re
from collections.abc import Sequence
from difflib import SequenceMatcher
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

# Where a reader sees a new line: paragraphs, list items, headings and explicit breaks.
LINE_BREAK = re.compile(
    r"<br\s*/?>|</(?:p|li|h[1-6]|ul|ol)>|<(?:p|ul|ol|h[1-6])(?:\s[^>]*)?>", re.I
)
LIST_ITEM = re.compile(r"<li(?:\s[^>]*)?>", re.I)
NEWLINE = "\n"
HIDDEN_LABELS = {"added": "ajouté : ", "removed": "retiré : "}
TAGS = {"added": "ins", "removed": "del"}


def plain_lines(html: str) -> tuple[str, ...]:
    """The text as lines of words: tags stripped, one line per paragraph or list item."""
    text = LIST_ITEM.sub("\n• ", html or "")
    text = unescape(strip_tags(LINE_BREAK.sub("\n", text)))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return tuple(line for line in lines if line and line != "•")


def _tokens(lines: Sequence[str]) -> list[str]:
    tokens: list[str] = []
    for line in lines:
        if tokens:
            tokens.append(NEWLINE)
        tokens.extend(line.split())
    return tokens


def _marked_tokens(old_lines: Sequence[str], new_lines: Sequence[str]) -> list[tuple[str, str]]:
    """Each word of both texts with its status: "same", "removed" or "added"."""
    old, new = _tokens(old_lines), _tokens(new_lines)
    marked: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal":
            marked += [("same", token) for token in new[j1:j2]]
        else:  # a replaced run reads as the old words struck, then the new ones
            marked += [("removed", token) for token in old[i1:i2]]
            marked += [("added", token) for token in new[j1:j2]]
    return marked


def _render_run(status: str, words: list[str]) -> str:
    text = escape(" ".join(words))
    if status == "same":
        return text
    tag = TAGS[status]
    # Colour and strike-through are not enough for a screen reader: say it in words.
    return f'<{tag}><span class="visually-hidden">{HIDDEN_LABELS[status]}</span>{text}</{tag}>'


def _render_line(tokens: list[tuple[str, str]]) -> str:
    runs: list[tuple[str, list[str]]] = []
    for status, word in tokens:
        if runs and runs[-1][0] == status:
            runs[-1][1].append(word)
        else:
            runs.append((status, [word]))
    return " ".join(_render_run(status, words) for status, words in runs)


def word_diff_html(old_lines: Sequence[str], new_lines: Sequence[str]) -> SafeString:
    """The new text with removed words in <del> and added words in <ins>, a <p> per line."""
    lines: list[list[tuple[str, str]]] = [[]]
    for status, token in _marked_tokens(old_lines, new_lines):
        if token == NEWLINE:
            if lines[-1]:  # consecutive breaks from both sides make one
                lines.append([])
        else:
            lines[-1].append((status, token))
    return mark_safe("".join(f"<p>{_render_line(line)}</p>" for line in lines if line))
