"""Facet filtering and counting for the database engine, in memory.

Which practices carry which theme, audience, stage and level is small (a few values per
practice) and changes only when the index does: it is loaded once per index version, and
filters and disjunctive counts become set operations instead of a SQL query per facet.
"""

from collections.abc import Iterable

from search.base import FACET_NAMES


class FacetIndex:
    def __init__(self, rows: Iterable[tuple[int, str, str]], known: Iterable[int]) -> None:
        self.known = set(known)  # every indexed page
        self.pages: dict[str, dict[str, set[int]]] = {name: {} for name in FACET_NAMES}
        for page_id, facet, value in rows:
            self.pages.setdefault(facet, {}).setdefault(value, set()).add(page_id)

    def allowed(self, filters: dict[str, list[str]], skip: str | None = None) -> set[int] | None:
        """Pages passing every facet filter but `skip` (values of one facet are OR'ed);
        None when no filter applies."""
        allowed: set[int] | None = None
        for name, values in filters.items():
            if not values or name == skip:
                continue
            having = set().union(*(self.pages[name].get(value, set()) for value in values))
            allowed = having if allowed is None else allowed & having
        return allowed

    def counts(
        self, matched: Iterable[int], filters: dict[str, list[str]]
    ) -> dict[str, dict[str, int]]:
        """For each facet, how many matches carry each value, the other facets' filters
        applied and not its own (so ticking a second value shows what it adds)."""
        matched = set(matched)
        counts = {}
        for name in FACET_NAMES:
            allowed = self.allowed(filters, skip=name)
            base = matched if allowed is None else matched & allowed
            counts[name] = {
                value: size
                for value, pages in self.pages[name].items()
                if (size := len(base & pages))
            }
        return counts
