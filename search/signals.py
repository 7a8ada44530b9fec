"""The index follows the pages: publish, unpublish, move, delete, privacy, glossary, themes.

Index work runs after the transaction commits, so a failing or slow engine never makes a
save or a publish fail (the service records what a remote engine missed).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import service
from wiki.models import GlossaryTerm, PracticePage, Theme


def later(function, *args) -> None:
    """Run after commit, once per transaction for the same call (a glossary import saves
    fifty terms: the synonyms are refreshed once)."""
    key = (function.__name__, args)
    pending = transaction.get_connection().run_on_commit
    if any(
        getattr(callback, "search_key", None) == key and not callback.ran
        for _, callback, _ in pending
    ):
        return

    def callback() -> None:
        callback.ran = True
        function(*args)

    callback.search_key = key
    callback.ran = False
    transaction.on_commit(callback)


@receiver(page_published, sender=PracticePage)
@receiver(page_unpublished, sender=PracticePage)
def practice_changed(sender, instance, **kwargs) -> None:
    later(service.sync_page, instance.pk)


@receiver(post_delete, sender=PracticePage)
def practice_deleted(sender, instance, **kwargs) -> None:
    later(service.remove_page, instance.pk)


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs) -> None:
    for page_id in PracticePage.objects.descendant_of(instance, inclusive=True).values_list(
        "pk", flat=True
    ):
        later(service.sync_page, page_id)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs) -> None:
    for page_id in PracticePage.objects.descendant_of(instance.page, inclusive=True).values_list(
        "pk", flat=True
    ):
        later(service.sync_page, page_id)


@receiver(post_save, sender=GlossaryTerm)
@receiver(post_delete, sender=GlossaryTerm)
def glossary_changed(sender, **kwargs) -> None:
    later(service.refresh_synonyms)


@receiver(post_save, sender=Theme)
@receiver(pre_delete, sender=Theme)
def theme_changed(sender, instance, **kwargs) -> None:
    for page_id in instance.practices.values_list("pk", flat=True):
        later(service.sync_page, page_id)
