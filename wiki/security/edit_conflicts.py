"""Two people editing the same page: the second to save is stopped before replacing the
first one's version without knowing it.

Wagtail 8 warns in the browser (its editing sessions ping: "Camille a enregistré une nouvelle
version", and a dialog on save), and refuses a stale *autosave*; but a plain save of a form
loaded before someone else's save goes through and silently replaces their text in the
current version. The edit form already carries the revision it was loaded from
(`loaded_revision_id`, or `overwrite_revision_id` once autosave has run): the form refuses
the save when the page has since got a newer revision by someone else, unless the person
confirmed (Wagtail's dialog, see `static/security/confirm_overwrite.js`) or saves again after
reading the refusal (the re-displayed form carries the newest revision).
"""

from django import forms
from django.utils.formats import date_format
from django.utils.timezone import localtime
from wagtail.models import Revision

from wiki.members import display_name

CONFIRM_FIELD = "overwrite_confirmed"


def newer_revision_by_someone_else(data, page, user) -> Revision | None:
    """The page's latest revision if the posted form was loaded before it and someone other
    than `user` made it; None when the save may go ahead. Mirrors Wagtail's own
    `EditView.is_out_of_date`, which it applies only to autosave."""
    if not page.pk or data.get(CONFIRM_FIELD):
        return None
    latest_id = type(page).objects.filter(pk=page.pk).values_list("latest_revision_id", flat=True)
    latest = Revision.objects.filter(pk=latest_id.first()).select_related("user").first()
    if latest is None:
        return None
    overwrite_id = data.get("overwrite_revision_id")
    loaded_id = data.get("loaded_revision_id")
    if overwrite_id:
        stale = overwrite_id != str(latest.pk)
    elif loaded_id:
        # An autosave may have overwritten that revision in place since: compare times too.
        stale = (
            loaded_id != str(latest.pk)
            or data.get("loaded_revision_created_at", "") != latest.created_at.isoformat()
        )
    else:
        return None  # a form that says nothing of what it was loaded from (not the admin's)
    if not stale or (user is not None and latest.user_id == user.pk):
        return None
    return latest


def conflict_message(revision: Revision) -> str:
    who = display_name(revision.user)
    when = date_format(localtime(revision.created_at), "j F Y à H:i")
    return (
        f"{who or 'Quelqu’un'} a enregistré une version plus récente de cette page le {when}, "
        "pendant que vous la modifiiez. Vos changements ne sont pas encore enregistrés : ils "
        "sont toujours dans le formulaire ci-dessous. Pour ne rien perdre, ouvrez la dernière "
        "version dans un autre onglet et comparez. Si vous enregistrez à nouveau, votre "
        "version remplacera la sienne (la sienne restera dans l'historique de la page)."
    )


class RefuseStaleSaveMixin:
    """For a Wagtail page form: refuse a save that would replace someone else's newer version."""

    def clean(self):
        cleaned = super().clean()
        newer = newer_revision_by_someone_else(self.data, self.instance, self.for_user)
        if newer is not None:
            raise forms.ValidationError(conflict_message(newer), code="edit_conflict")
        return cleaned
