"""The meetings' list page exists as soon as the database is migrated, like the wiki's tree."""

from django.db.models.signals import post_migrate
from django.dispatch import receiver


@receiver(post_migrate)
def create_meeting_index(sender, **kwargs) -> None:
    if sender.name != "wiki.meetings":
        return
    from wagtail.models import Page

    from wiki.meetings.site_structure import ensure_meeting_index

    # A flushed database (transactional tests) has no root page to hang the tree on.
    # `ensure_meeting_index` builds the wiki's tree first if its own receiver has not run yet.
    if Page.get_first_root_node() is not None:
        ensure_meeting_index()
