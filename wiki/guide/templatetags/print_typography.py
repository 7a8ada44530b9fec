"""French typography for the printed guide: no line may start with ":", "?", "!", ";" or "»"."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

NO_BREAK_SPACE = "\u00a0"
_SPACE_BEFORE = re.compile(r" ([:;!?»])")
_SPACE_AFTER = re.compile(r"« ")


@register.filter
def french_spacing(value: str) -> SafeString:
    """The text, escaped unless already safe, with no-break spaces around French punctuation.

    Safe for the sanitised HTML of rich fields: their tags never hold " :" or "« ".
    """
    text = str(conditional_escape(value))
    text = _SPACE_BEFORE.sub(NO_BREAK_SPACE + r"\1", text)
    return mark_safe(_SPACE_AFTER.sub("«" + NO_BREAK_SPACE, text))
