"""The admin form of a practice: drafts may be incomplete, publishing may not."""

from django import forms
from wagtail.admin.forms import WagtailAdminPageForm

from wiki.publishing import (
    REQUIRED_FIELDS,
    REQUIRED_LISTS,
    is_empty_value,
    missing_sections_message,
)
from wiki.security.edit_conflicts import RefuseStaleSaveMixin


class PracticePageForm(RefuseStaleSaveMixin, WagtailAdminPageForm):
    """Adds one French message naming every missing section when a practice is published.

    Wagtail already defers required fields when a draft is saved (`defer_required_fields`);
    this form speaks only when validation is not deferred: on publish and on submit.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # People write titles, not addresses: an empty slug is derived from the title.
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if self.is_deferred_validation:
            return valid
        missing = self.missing_sections()
        if missing:
            self.add_error(None, missing_sections_message(missing))
            return False
        return valid

    def missing_sections(self) -> list[str]:
        data = self.cleaned_data
        missing = [
            label for field, label in REQUIRED_FIELDS.items() if is_empty_value(data.get(field))
        ]
        missing += [
            label
            for relation, (label, _field) in REQUIRED_LISTS.items()
            if count_kept_forms(self.formsets[relation]) == 0
        ]
        return missing


CONTROL_FIELDS = frozenset({"ORDER", "DELETE", "id", "page"})


def has_content(form: forms.BaseForm) -> bool:
    """Whether the person wrote something in this child form (the admin always sends one
    empty form for a required list, with its order filled in)."""
    # Cleaned values: a rich text widget posts a JSON structure even when empty.
    return any(
        not is_empty_value(value)
        for name, value in getattr(form, "cleaned_data", {}).items()
        if name not in CONTROL_FIELDS
    )


def count_kept_forms(formset: forms.BaseFormSet) -> int:
    """Child forms that will exist after saving: with content, not marked for deletion."""
    formset.errors  # noqa: B018 - cleans the formset if the parent form stopped early
    kept = 0
    for form in formset.forms:
        if not has_content(form):  # an empty row saved with a draft is not content either
            continue
        if formset.can_delete and getattr(form, "cleaned_data", {}).get("DELETE"):
            continue
        kept += 1
    return kept
