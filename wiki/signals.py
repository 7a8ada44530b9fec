"""Signal handlers of the wiki: the page tree exists as soon as the database is migrated."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def create_site_structure(sender, **kwargs) -> None:
    if sender.name != "wiki":
        return
    from wiki.site_structure import ensure_site_structure

    ensure_site_structure()
