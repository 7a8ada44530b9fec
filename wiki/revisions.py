"""Practice revisions read in bulk, as PracticeData, in a fixed number of queries.

`page_to_data(revision.as_object())` costs a dozen queries per revision (the live page,
its parent, a check of every foreign key, one query per facet). Comparing two revisions
of each practice changed since the last meeting would cost hundreds: here the facets come
from one read of the taxonomy and foreign keys are not checked, which gives the same data.
"""

from collections.abc import Iterable

from wagtail.models import Revision

from wiki.exchange.data import PracticeData
from wiki.exchange.pages import page_to_data
from wiki.models import Audience, Level, PracticePage, Stage, Theme

FACETS = {"themes": Theme, "audiences": Audience, "levels": Level}


class Taxonomy:
    """Every theme, audience, level and stage, in their canonical order."""

    def __init__(self) -> None:
        self.facets = {name: list(model.objects.all()) for name, model in FACETS.items()}
        self.stages = {stage.pk: stage for stage in Stage.objects.all()}

    def fill(self, page: PracticePage, content: dict) -> None:
        for name, values in self.facets.items():
            chosen = set(content.get(name) or [])
            setattr(page, name, [value for value in values if value.pk in chosen])
        page.stage = self.stages.get(content.get("stage"))


def practice_data(revisions: Iterable[Revision]) -> dict[int, PracticeData]:
    """PracticeData of each revision, by revision id."""
    revisions = list(revisions)
    if not revisions:
        return {}
    taxonomy = Taxonomy()
    data = {}
    for revision in revisions:
        content = dict(revision.content)
        facets = {name: content.pop(name, None) for name in FACETS}
        page = PracticePage.from_serializable_data(content, check_fks=False)
        taxonomy.fill(page, {**facets, "stage": content.get("stage")})
        data[revision.pk] = page_to_data(page)
    return data
