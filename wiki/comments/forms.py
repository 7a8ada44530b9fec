"""The form a member fills under a section: a new comment, or a reply to an open one."""

from django import forms
from wagtail.models import Comment

from wiki.comments.sections import COMMENTABLE_SECTIONS, add_comment, add_reply

TEXT_MAX_LENGTH = 2000


class CommentTextField(forms.CharField):
    """Plain text whose line breaks count as one character, as the text area's `maxlength`
    counts them, though the browser sends two ("\\r\\n").

    The text is kept with "\\r\\n", as Wagtail's editor posts it back each time it saves the
    page: stored otherwise, it would read as someone else's comment being edited, and the
    editor would refuse to save.
    """

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def clean(self, value):
        return super().clean(value).replace("\n", "\r\n")


class SectionCommentForm(forms.Form):
    section = forms.ChoiceField(
        required=False,  # a reply belongs to its comment's section
        choices=[(section.key, section.label) for section in COMMENTABLE_SECTIONS],
        error_messages={"invalid_choice": "Cette section n'existe pas dans une fiche pratique."},
    )
    reply_to = forms.IntegerField(required=False, min_value=1)
    text = CommentTextField(
        max_length=TEXT_MAX_LENGTH,
        error_messages={
            "required": "Votre commentaire est vide : écrivez quelques mots avant d'envoyer.",
            "max_length": "Votre commentaire fait %(show_value)d caractères : "
            "raccourcissez-le à 2 000 caractères au plus.",
            "null_characters_not_allowed": "Votre commentaire contient un caractère invalide.",
        },
    )

    def __init__(self, page, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        self.thread: Comment | None = None

    def clean_reply_to(self):
        comment_id = self.cleaned_data["reply_to"]
        if comment_id:
            self.thread = Comment.objects.filter(
                page=self.page, pk=comment_id, resolved_at__isnull=True
            ).first()
            if self.thread is None:
                raise forms.ValidationError(
                    "Ce commentaire a été clos entre-temps : votre réponse n'a pas été envoyée."
                )
        return comment_id

    def clean(self):
        cleaned_data = super().clean()
        if not self.errors and not cleaned_data.get("reply_to") and not cleaned_data["section"]:
            self.add_error("section", "Choisissez la section que vous commentez.")
        return cleaned_data

    def save(self, user):
        """The new comment, or the new reply; either way what notifications speak of."""
        text = self.cleaned_data["text"]
        if self.thread is not None:
            return add_reply(self.page, self.thread, user, text)
        return add_comment(self.page, user, self.cleaned_data["section"], text)

    # What the page shows again when the form is refused.

    @property
    def section_key(self) -> str:
        return self.data.get("section", "")

    @property
    def reply_to_id(self) -> int | None:
        value = self.data.get("reply_to", "")
        return int(value) if str(value).isdigit() else None

    @property
    def messages(self) -> list[str]:
        return [message for errors in self.errors.values() for message in errors]
