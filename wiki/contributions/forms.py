"""The public form "Partager une expérience": the practice template in plain words.

Everything typed is plain text with a maximum length; the form turns it into the exchange
structure (`PracticeData`) with every paragraph escaped, so no HTML from the public ever
reaches a page.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.html import escape

from wiki.exchange.data import Difficulty, PracticeData, Step
from wiki.models import Audience, Level, Stage, Theme
from wiki.vocabulary import SECTIONS_BY_KEY, SUMMARY_MAX_LENGTH

STEP_ROWS = 5
DIFFICULTY_ROWS = 4
MEMO_MAX_ITEMS = 15
MEMO_ITEM_MAX_LENGTH = 300
# What one person may reasonably write; every field also has its own limit.
TOTAL_MAX_CHARACTERS = 20_000

HONEYPOT_FIELD = "verification"
HONEYPOT_MESSAGE = (
    "Le formulaire n'a pas été envoyé : le champ « Ne rien écrire ici » doit rester vide "
    "(il sert à arrêter les envois automatiques). Videz-le puis envoyez à nouveau."
)


def text_field(
    label: str,
    max_length: int,
    *,
    required: bool = False,
    rows: int = 0,
    required_message: str = "",
    **kwargs,
):
    """A plain-text field whose length the browser and the server both limit."""
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=widget,
        error_messages={
            "required": required_message or f"Écrivez « {label} ».",
            "max_length": f"« {label} » : {max_length} caractères au plus (vous en avez écrit "
            "%(show_value)d).",
        },
        **kwargs,
    )


def choices_field(model, label: str, *, help_text: str = ""):
    """Checkboxes over a taxonomy: any number, none included."""
    return forms.ModelMultipleChoiceField(
        queryset=model.objects.all(),
        label=label,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class StageField(forms.ModelChoiceField):
    """One radio button per stage, said with what it means, and "Je ne sais pas" to undo."""

    def __init__(self) -> None:
        super().__init__(
            queryset=Stage.objects.all(),
            label="Où en est le partenariat",
            required=False,
            widget=forms.RadioSelect,
            blank=True,
            empty_label="Je ne sais pas",
        )

    def label_from_instance(self, stage: Stage) -> str:
        return f"{stage.title} : {stage.description}" if stage.description else stage.title


def paragraphs_html(text: str) -> str:
    """Plain text as escaped paragraphs: a blank line starts a paragraph, a line break stays."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(
        "<p>" + "<br/>".join(escape(line.strip()) for line in block.split("\n")) + "</p>"
        for block in blocks
        if block
    )


class ContributionForm(forms.Form):
    # The page shows one French error summary and marks required fields in their labels;
    # browsers' own bubbles would speak the browser's language and hide the summary.
    use_required_attribute = False

    title = text_field(
        SECTIONS_BY_KEY["title"].label,
        150,
        required=True,
        required_message="Donnez un titre à votre expérience.",
        help_text="Le nom de votre action, par exemple « Un café des parents à la sortie de "
        "l'école ».",
    )
    summary = text_field(
        SECTIONS_BY_KEY["summary"].label,
        SUMMARY_MAX_LENGTH,
        required=True,
        required_message="Résumez votre expérience en une phrase.",
        rows=2,
        help_text="Ce que cette action apporte, en une phrase (300 caractères au plus).",
    )
    context = text_field(
        SECTIONS_BY_KEY["context"].label,
        3000,
        required=True,
        rows=5,
        required_message="Racontez le point de départ : d'où est venue l'idée.",
        help_text="Qu'est-ce qui vous a donné l'idée ? Où, avec qui ?",
    )
    objectives = text_field(
        SECTIONS_BY_KEY["objectives"].label,
        3000,
        required=True,
        rows=4,
        required_message="Écrivez au moins un objectif.",
        help_text="Ce que vous vouliez obtenir.",
    )
    ingredients = text_field(
        SECTIONS_BY_KEY["ingredients"].label,
        2000,
        rows=3,
        help_text="Les personnes, le temps, l'argent, le matériel.",
    )
    what_worked = text_field(SECTIONS_BY_KEY["what_worked"].label, 2000, rows=4)
    memo = text_field(
        SECTIONS_BY_KEY["memo"].label,
        MEMO_MAX_ITEMS * (MEMO_ITEM_MAX_LENGTH + 1),
        rows=4,
        help_text="Un point par ligne.",
    )
    themes = choices_field(Theme, "Thèmes", help_text="Un ou plusieurs.")
    stage = StageField()
    audiences = choices_field(Audience, "Pour qui")
    levels = choices_field(Level, "Niveaux", help_text="Les classes concernées, s'il y en a.")
    structure = text_field(
        "Structure", 200, help_text="Le centre social ou l'organisme qui a porté l'action."
    )
    territory = text_field("Territoire", 200, help_text="Le quartier et la ville.")
    contributor_name = text_field(
        "Votre nom", 120, required=True, required_message="Écrivez votre nom."
    )
    contributor_email = forms.EmailField(
        label="Votre adresse électronique",
        max_length=254,
        help_text="Pour que la coordination puisse vous écrire. Elle n'est jamais publiée.",
        error_messages={
            "required": "Écrivez votre adresse électronique.",
            "invalid": "Cette adresse électronique ne semble pas complète : "
            "elle ressemble à nom@exemple.fr.",
        },
    )
    verification = forms.CharField(
        label="Ne rien écrire ici",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, STEP_ROWS + 1):
            self.fields[f"step_{number}_title"] = text_field(
                f"Titre de l'étape {number}", 200, required=number == 1
            )
            self.fields[f"step_{number}_text"] = text_field(
                f"Ce qui se passe à l'étape {number}", 1500, rows=3
            )
        for number in range(1, DIFFICULTY_ROWS + 1):
            self.fields[f"difficulty_{number}"] = text_field(
                f"Ce qui a coincé (difficulté {number})", 300, rows=2
            )
            self.fields[f"answer_{number}"] = text_field(
                f"Réponse trouvée à la difficulté {number}", 1500, rows=3
            )
        self.fields["step_1_title"].error_messages["required"] = (
            "Décrivez au moins une étape (son titre suffit)."
        )
        # The order of the page, so that the error summary lists problems top to bottom.
        self.order_fields(
            [
                "title",
                "summary",
                "context",
                "objectives",
                "ingredients",
                *(
                    f"step_{n}_{part}"
                    for n in range(1, STEP_ROWS + 1)
                    for part in ("title", "text")
                ),
                "what_worked",
                *(
                    name
                    for n in range(1, DIFFICULTY_ROWS + 1)
                    for name in (f"difficulty_{n}", f"answer_{n}")
                ),
            ]
        )

    # Rows for the template, in order: (legend, first field, second field).
    @property
    def step_rows(self) -> list:
        return [
            (f"Étape {number}", self[f"step_{number}_title"], self[f"step_{number}_text"])
            for number in range(1, STEP_ROWS + 1)
        ]

    @property
    def difficulty_rows(self) -> list:
        return [
            (f"Difficulté {number}", self[f"difficulty_{number}"], self[f"answer_{number}"])
            for number in range(1, DIFFICULTY_ROWS + 1)
        ]

    def clean_memo(self) -> list[str]:
        lines = [line.strip(" -•*\t") for line in self.cleaned_data["memo"].splitlines()]
        items = [line.removeprefix("[ ]").strip() for line in lines if line]
        if len(items) > MEMO_MAX_ITEMS:
            raise ValidationError(f"Le mémo : {MEMO_MAX_ITEMS} lignes au plus.")
        for number, item in enumerate(items, start=1):
            if len(item) > MEMO_ITEM_MAX_LENGTH:
                raise ValidationError(
                    f"Le mémo : la ligne {number} dépasse {MEMO_ITEM_MAX_LENGTH} caractères."
                )
        return items

    def clean(self) -> dict:
        data = super().clean()
        if data.get(HONEYPOT_FIELD):
            raise ValidationError(HONEYPOT_MESSAGE, code="honeypot")
        for number in range(1, STEP_ROWS + 1):
            if data.get(f"step_{number}_text") and not data.get(f"step_{number}_title"):
                self.add_error(f"step_{number}_title", f"Donnez un titre à l'étape {number}.")
        for number in range(1, DIFFICULTY_ROWS + 1):
            question, answer = data.get(f"difficulty_{number}"), data.get(f"answer_{number}")
            if answer and not question:
                self.add_error(
                    f"difficulty_{number}", f"Difficulté {number} : écrivez ce qui a coincé."
                )
            elif question and not answer:
                self.add_error(
                    f"answer_{number}",
                    f"Difficulté {number} : écrivez la réponse trouvée, même partielle "
                    "(ou videz la difficulté).",
                )
        typed = sum(len(value) for value in self.data.values() if isinstance(value, str))
        if typed > TOTAL_MAX_CHARACTERS:
            raise ValidationError(
                f"Votre texte est trop long au total ({typed} caractères, "
                f"{TOTAL_MAX_CHARACTERS} au plus) : raccourcissez quelques parties.",
                code="too_long",
            )
        return data

    @property
    def caught_a_robot(self) -> bool:
        return self.has_error(NON_FIELD_ERRORS, "honeypot")

    def error_links(self) -> list[tuple[str, str]]:
        """(field id, message) for the summary at the top: each message links to its field."""
        links = []
        for name, errors in self.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            bound = self[name]
            anchor = bound.auto_id + ("_0" if bound.field.widget.use_fieldset else "")
            links.extend((anchor, message) for message in errors)
        return links

    def practice_data(self, slug: str) -> PracticeData:
        """The contribution in the exchange structure, every text escaped."""
        data = self.cleaned_data
        return PracticeData(
            title=data["title"],
            slug=slug,
            summary=data["summary"],
            themes=[theme.slug for theme in data["themes"]],
            audience=[audience.slug for audience in data["audiences"]],
            stage=data["stage"].slug if data["stage"] else "",
            levels=[level.slug for level in data["levels"]],
            structure=data["structure"],
            territory=data["territory"],
            context=paragraphs_html(data["context"]),
            objectives=paragraphs_html(data["objectives"]),
            ingredients=paragraphs_html(data["ingredients"]),
            what_worked=paragraphs_html(data["what_worked"]),
            steps=[
                Step(data[f"step_{n}_title"], paragraphs_html(data[f"step_{n}_text"]))
                for n in range(1, STEP_ROWS + 1)
                if data[f"step_{n}_title"]
            ],
            difficulties=[
                Difficulty(data[f"difficulty_{n}"], paragraphs_html(data[f"answer_{n}"]))
                for n in range(1, DIFFICULTY_ROWS + 1)
                if data[f"difficulty_{n}"]
            ],
            memo=data["memo"],
        )
