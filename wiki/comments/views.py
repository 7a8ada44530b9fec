"""`<practice>/commentaires/`: the forms under each section post here (members only)."""

from django.shortcuts import redirect

from wiki.comments.forms import SectionCommentForm
from wiki.comments.notifications import notify_comment
from wiki.drafts import require_member


def comment_view(page, request):
    refused = require_member(request)
    if refused:
        return refused
    if request.method != "POST":
        return redirect(page.url)
    form = SectionCommentForm(page, request.POST)
    if not form.is_valid():
        # The page again, the refused form open with its message and the text as typed.
        return page.render(request, context_overrides={"pending_comment": form})
    item = form.save(request.user)
    notify_comment(page, item)
    anchor = "reponse" if form.thread else "commentaire"
    return redirect(f"{page.url}#{anchor}-{item.pk}")
