"""An inline list (steps, difficulties…) that the editor's comments can point at as a whole.

Wagtail anchors a comment beside the element of the edit form whose `data-contentpath` equals
the comment's `contentpath`; only single fields carry one, and the children of an inline
panel refuse comments. A comment on "difficulties" was therefore kept but never shown in the
editor. This panel wraps the list in an element with its relation name as content path and
Wagtail's "add a comment" button, so such comments show beside the list.
"""

from django.conf import settings
from django.forms import Media
from wagtail.admin.panels import InlinePanel


class CommentableInlinePanel(InlinePanel):
    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "wiki/admin/commentable_inline_panel.html"

        @property
        def media(self):
            return super().media + Media(css={"all": ["css/comments-admin.css"]})

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["contentpath"] = self.panel.relation_name
            context["comments_enabled"] = getattr(settings, "WAGTAILADMIN_COMMENTS_ENABLED", True)
            return context
