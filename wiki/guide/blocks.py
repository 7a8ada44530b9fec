"""The blocks a guide edition is composed of: chapters, each a theme or a custom title."""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

INTRODUCTION_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ChapterBlock(blocks.StructBlock):
    theme = SnippetChooserBlock(
        "wiki.Theme",
        required=False,
        label="Thème",
        help_text="Le chapitre prend le titre et la couleur du thème.",
    )
    title = blocks.CharBlock(
        required=False,
        max_length=150,
        label="Titre du chapitre",
        help_text="Sans thème, ou pour remplacer le titre du thème.",
    )
    introduction = blocks.RichTextBlock(
        required=False, features=INTRODUCTION_FEATURES, label="Introduction"
    )
    practices = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="wiki.PracticePage", label="Pratique"),
        label="Pratiques du chapitre, dans l'ordre",
        collapsed=False,
    )

    class Meta:
        icon = "folder-open-inverse"
        label = "Chapitre"
        form_classname = "guide-chapter"

    def clean(self, value):
        cleaned = super().clean(value)
        errors = {}
        if not cleaned.get("theme") and not (cleaned.get("title") or "").strip():
            errors["title"] = ValidationError("Choisissez un thème ou donnez un titre au chapitre.")
        if not [page for page in cleaned.get("practices") or [] if page]:
            errors["practices"] = ValidationError(
                "Un chapitre vide n'a pas sa place dans le livret : ajoutez au moins une "
                "pratique, ou retirez le chapitre."
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return cleaned


class ChaptersBlock(blocks.StreamBlock):
    chapter = ChapterBlock()

    class Meta:
        min_num = 1
        block_counts = {}
