"""Writing a `PracticeData` as a practice file in the exchange format."""

import yaml

from wiki.vocabulary import BODY_SECTIONS

from .data import Difficulty, PracticeData, Quote, Resource, Step
from .markdown_writer import (
    MarkdownBlock,
    escape_text,
    heading_text,
    html_to_blocks,
    html_to_markdown,
    indent_item,
    join_blocks,
    link_destination,
)

ANSWER_PREFIX = "Réponse trouvée :"


def render_practice(practice: PracticeData) -> str:
    """The text of the practice file; reading it back gives the same `PracticeData`.

    Empty optional sections are left out; an empty required section keeps its heading,
    so that the file shows where something is missing.
    """
    sections = []
    for section in BODY_SECTIONS:
        body = _SECTION_WRITERS[section.kind](getattr(practice, section.key))
        if body or section.required:
            sections.append(f"## {section.label}\n\n{body}" if body else f"## {section.label}")
    return f"---\n{_front_matter(practice)}---\n\n" + "\n\n".join(sections) + "\n"


def _front_matter(practice: PracticeData) -> str:
    values = {
        "title": practice.title,
        "slug": practice.slug,
        "summary": practice.summary,
        "themes": list(practice.themes),
        "audience": list(practice.audience),
        "stage": practice.stage,
        "levels": list(practice.levels),
        "structure": practice.structure,
        "territory": practice.territory,
        "partners": list(practice.partners),
    }
    # Lists of plain values come out in flow style, `[a, b]`; the width keeps one value a line.
    return yaml.safe_dump(
        values, allow_unicode=True, sort_keys=False, default_flow_style=None, width=1_000_000
    )


def _steps_markdown(steps: list[Step]) -> str:
    items = [_step_markdown(number, step) for number, step in enumerate(steps, start=1)]
    return ("\n\n" if any("\n\n" in item for item in items) else "\n").join(items)


def _step_markdown(number: int, step: Step) -> str:
    title = f"**{escape_text(step.title)}**"
    blocks = html_to_blocks(step.text)
    if blocks and blocks[0].kind == "paragraph":
        first, rest = f"{title} — {blocks[0].text}", blocks[1:]
    else:
        first, rest = title, blocks
    separator = "\n\n" if any(block.kind == "paragraph" for block in rest) else "\n"
    return indent_item(f"{number}. ", separator.join([first, *(block.text for block in rest)]))


def _difficulties_markdown(difficulties: list[Difficulty]) -> str:
    return "\n\n".join(_difficulty_markdown(difficulty) for difficulty in difficulties)


def _difficulty_markdown(difficulty: Difficulty) -> str:
    # The question is a `###` heading, so headings inside the answer go one level down.
    blocks = html_to_blocks(difficulty.answer, smallest_heading=4)
    if blocks and blocks[0].kind == "paragraph":
        blocks[0] = MarkdownBlock("paragraph", f"{ANSWER_PREFIX} {blocks[0].text}")
    else:
        blocks.insert(0, MarkdownBlock("paragraph", ANSWER_PREFIX))
    return f"### {heading_text(difficulty.question)}\n\n{join_blocks(blocks)}"


def _memo_markdown(memo: list[str]) -> str:
    return "\n".join(f"- [ ] {escape_text(item)}" for item in memo)


def _quotes_markdown(quotes: list[Quote]) -> str:
    return "\n\n".join(_quote_markdown(quote) for quote in quotes)


def _quote_markdown(quote: Quote) -> str:
    text = f"> « {escape_text(quote.text)} »"
    return f"{text}\n> — {escape_text(quote.who)}" if quote.who.strip() else text


def _resources_markdown(resources: list[Resource]) -> str:
    return "\n".join(
        f"- [{escape_text(resource.label)}]({link_destination(resource.url)})"
        for resource in resources
    )


_SECTION_WRITERS = {
    "rich": html_to_markdown,
    "steps": _steps_markdown,
    "difficulties": _difficulties_markdown,
    "memo": _memo_markdown,
    "quotes": _quotes_markdown,
    "resources": _resources_markdown,
}
