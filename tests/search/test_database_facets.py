"""The database engine's facet bitmaps: filters, disjunctive counts and membership."""

from search.engines.database_facets import FacetIndex

ROWS = [
    (1, "themes", "premier-contact"),
    (2, "themes", "premier-contact"),
    (2, "themes", "parents"),
    (700, "themes", "parents"),
    (700, "stage", "decouvrir"),
    (2, "stage", "decouvrir"),
]


def index() -> FacetIndex:
    return FacetIndex(ROWS, known=[1, 2, 3, 700])


def test_bitmaps_hold_exactly_the_pages_given_and_ignore_unknown_ids():
    facets = index()
    pages = facets.bitmap([3, 700, 5000, -1])
    assert facets.members(pages) == {3, 700}
    assert facets.contains(pages, 700)
    assert not facets.contains(pages, 2)
    assert not facets.contains(pages, 5000)
    assert facets.members(facets.known) == {1, 2, 3, 700}


def test_values_of_one_facet_are_ored_and_facets_are_anded():
    facets = index()
    either = facets.allowed({"themes": ["premier-contact", "parents"]})
    assert facets.members(either) == {1, 2, 700}
    both = facets.allowed({"themes": ["parents"], "stage": ["decouvrir"]})
    assert facets.members(both) == {2, 700}
    assert facets.allowed({"themes": []}) is None


def test_counts_apply_the_other_facets_filters_but_not_their_own():
    facets = index()
    matched = facets.bitmap([1, 2, 700])
    counts = facets.counts(matched, {"themes": ["parents"], "stage": [], "audience": []})
    # Themes are counted as if no theme were ticked; the stage within the "parents" filter.
    assert counts["themes"] == {"premier-contact": 2, "parents": 2}
    assert counts["stage"] == {"decouvrir": 2}
    assert counts["audience"] == {}
