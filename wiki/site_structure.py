"""The fixed page tree: home, "Les pratiques", "Les thèmes" and "Glossaire".

Created right after `migrate` (and on demand by the import), so a fresh database can
receive practices at once.
"""

from django.db import transaction
from wagtail.models import Page, Site

from wiki.models import GlossaryPage, HomePage, PracticeIndexPage, ThemeIndexPage
from wiki.review.workflow import assign_review_workflow

SECTION_PAGES = (
    (PracticeIndexPage, "Les pratiques", "pratiques"),
    (ThemeIndexPage, "Les thèmes", "themes"),
    (GlossaryPage, "Glossaire", "glossaire"),
)


@transaction.atomic
def ensure_site_structure() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        home = create_home_page()
    for model, title, slug in SECTION_PAGES:
        if not model.objects.child_of(home).exists():
            section = home.add_child(instance=model(title=title, slug=slug))
            if model is PracticeIndexPage:  # practices are read by the group before publishing
                assign_review_workflow(section)
    return home


def create_home_page() -> HomePage:
    root = Page.get_first_root_node()
    # Wagtail's first migration leaves a "Welcome" placeholder page: replace it.
    for placeholder in Page.objects.child_of(root).filter(content_type__model="page"):
        if placeholder.is_leaf():
            placeholder.delete()
    home = root.add_child(
        instance=HomePage(
            title="Passerelles",
            slug="accueil",
            tagline=(
                "Ce qui marche entre centres sociaux et écoles, "
                "raconté par celles et ceux qui l'ont fait."
            ),
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Passerelles",
        )
    else:
        site.root_page = home
        site.site_name = "Passerelles"
        site.save()
    return home
