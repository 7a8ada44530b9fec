"""Drafts, unpublished changes and private pages never reach visitors: not the lists, the
search (page, API, suggestions), the guide, nor emails sent outside the network.

There is no sitemap and no feed in the site (no `wagtail.contrib.sitemaps`, no syndication
view): the test below keeps it that way knowingly.
"""

from datetime import datetime, time, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db.models import F
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import make_draft, make_user, publish_practice
from tests.guide.editions import make_edition
from wiki.exchange.pages import page_to_data
from wiki.following.digests import send_digests
from wiki.following.follows import follow
from wiki.following.models import DigestPreference
from wiki.guide.freezing import EditionNotPublishable, publish_edition
from wiki.vocabulary import ROLE_CENTRES_SOCIAUX, ROLE_COORDINATION

pytestmark = pytest.mark.django_db

SECRET = "Texte confidentiel du brouillon"
RESTRICTIONS = {
    "password": {"restriction_type": PageViewRestriction.PASSWORD, "password": "secret"},
    "login": {"restriction_type": PageViewRestriction.LOGIN},
    "groups": {"restriction_type": PageViewRestriction.GROUPS},
}


@pytest.fixture
def site(django_capture_on_commit_callbacks):
    """A public practice, a draft, a live practice with unpublished changes, and one live
    practice behind each kind of view restriction; indexed as the site does after commits."""
    with django_capture_on_commit_callbacks(execute=True):
        public = publish_practice(title="Kermesse publique", slug="publique")
        make_draft(title=f"Kermesse brouillon {SECRET}", slug="brouillon", summary=SECRET)
        changed = publish_practice(title="Kermesse modifiée", slug="modifiee")
        draft = changed.get_latest_revision_as_object()
        draft.summary = SECRET
        draft.save_revision()
        private = {}
        for kind, fields in RESTRICTIONS.items():
            page = publish_practice(title=f"Kermesse privée {kind}", slug=f"privee-{kind}")
            restriction = PageViewRestriction.objects.create(page=page, **fields)
            if kind == "groups":
                restriction.groups.set([Group.objects.get(name=ROLE_COORDINATION)])
            private[kind] = page
    return {"public": public, "changed": changed, "private": private}


def visible(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "url", ["/", "/pratiques/", "/themes/aller-vers-l-ecole/", "/bienvenue/", "/se-situer/"]
)
def test_lists_show_only_public_practices(client, site, url):
    html = visible(client, url)
    assert "Kermesse privée" not in html
    assert "Kermesse brouillon" not in html
    assert SECRET not in html


def test_the_search_page_the_api_and_suggestions_show_only_public_practices(client, site):
    page = visible(client, "/recherche/", {"q": "kermesse"})
    assert "Kermesse publique" in page and "Kermesse privée" not in page
    api = client.get("/api/search/", {"q": "kermesse"}).json()
    assert sorted(result["slug"] for result in api["results"]) == ["modifiee", "publique"]
    suggestions = client.get("/api/search/suggestions/", {"q": "kerm"}).json()["suggestions"]
    assert sorted(item["label"] for item in suggestions) == [
        "Kermesse modifiée",
        "Kermesse publique",
    ]


def test_unpublished_changes_are_not_searchable_nor_shown(client, site):
    assert client.get("/api/search/", {"q": "confidentiel"}).json()["total"] == 0
    assert SECRET not in visible(client, "/recherche/", {"q": "confidentiel brouillon"})
    for url in ("/pratiques/modifiee/", "/pratiques/modifiee/historique/"):
        assert SECRET not in visible(client, url)
    # Comparing versions, which would show the draft, is for members only.
    compare = client.get("/pratiques/modifiee/historique/comparer/")
    assert compare.status_code == 302 and "/admin/login/" in compare["Location"]


@pytest.mark.parametrize("kind", RESTRICTIONS)
def test_a_private_practice_is_not_shown_at_its_address(client, site, kind):
    response = client.get(f"/pratiques/privee-{kind}/")
    html = response.content.decode()
    assert "Une pratique pour que l&#x27;école" not in html  # its summary
    if kind == "password":
        assert response.status_code == 200 and 'name="password"' in html
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_member_outside_the_allowed_groups_does_not_see_it_either(client_for, site):
    response = client_for(ROLE_CENTRES_SOCIAUX).get("/pratiques/privee-groups/")
    assert response.status_code in (302, 403)
    assert "Kermesse privée groups" not in response.content.decode()


def test_there_is_no_sitemap_or_feed_to_leak_from(client, site):
    for url in ("/sitemap.xml", "/feed/", "/rss/", "/pratiques/feed/"):
        assert client.get(url).status_code == 404


def test_the_guide_refuses_a_private_or_draft_practice(site):
    for page in site["private"].values():
        edition = make_edition([("parents-ecole", [page])], slug=f"avec-{page.slug}")
        with pytest.raises(EditionNotPublishable, match="n'est plus publiée"):
            publish_edition(edition)


def test_the_guide_freezes_the_live_version_not_the_draft(client, site):
    edition = make_edition([("parents-ecole", [site["changed"], site["public"]])])
    publish_edition(edition)
    assert SECRET not in str(edition.frozen_content)
    assert SECRET not in visible(client, f"/guide/{edition.slug}/")


def test_the_search_index_holds_the_live_text_after_a_draft_is_saved(site):
    from search.documents import indexable_practices

    indexed = {page.slug: page_to_data(page).summary for page in indexable_practices()}
    assert set(indexed) == {"publique", "modifiee"}
    assert SECRET not in indexed.values()


def test_a_digest_never_carries_unpublished_text(site, role_users, mailoutbox):
    member = role_users[ROLE_CENTRES_SOCIAUX]
    follow(member, site["changed"])
    # Following starts the digest's period now: take it back before the draft was saved, so
    # that the digest has the changed practice to tell about.
    DigestPreference.objects.filter(user=member).update(
        digested_until=F("digested_until") - timedelta(days=1)
    )
    mailoutbox.clear()
    day = timezone.localdate() + timedelta(days=8)
    send_digests(now=timezone.make_aware(datetime.combine(day, time(7))))
    assert len(mailoutbox) == 1
    for message in mailoutbox:
        assert SECRET not in message.body
        assert all(SECRET not in str(content) for content, _type in message.alternatives)


def test_review_emails_go_to_members_only(role_users, mailoutbox):
    from wiki.review.workflow import submit_for_review

    outsider = make_user("ancien", None)  # an account with no role in the network
    author = role_users[ROLE_CENTRES_SOCIAUX]
    page = make_draft(user=author, title="À relire", slug="a-relire", summary=SECRET)
    mailoutbox.clear()
    submit_for_review(page, author)
    recipients = {address for message in mailoutbox for address in message.to}
    assert recipients
    assert outsider.email not in recipients
    assert all("@example.org" in address for address in recipients)
