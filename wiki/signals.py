"""Signal handlers of the wiki: the page tree exists as soon as the database is migrated."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def create_site_structure(sender, **kwargs) -> None:
    if sender.name != "wiki":
        return
    from wagtail.models import Page

    from wiki.site_structure import ensure_site_structure

    # A flushed database (transactional tests) has no root page to hang the tree on.
    if Page.get_first_root_node() is not None:
        ensure_site_structure()
