"""Facet filtering and counting for the database engine, in memory, as bitmaps.

Which practices carry which theme, audience, stage and level is small (a few values per
practice) and changes only when the index does: it is loaded once per index version. Each
facet value's pages are one Python integer whose bit N is page N, so filters and
disjunctive counts are a few AND and bit counts, however many pages a query matches.
"""

from collections.abc import Iterable

from search.base import FACET_NAMES

PageSet = int  # a bitmap: bit N set when page N is in the set


class FacetIndex:
    def __init__(self, rows: Iterable[tuple[int, str, str]], known: Iterable[int]) -> None:
        known = list(known)
        self.size = max(known, default=0) + 1  # page ids above are not indexed: never set
        self.known = self.bitmap(known)  # every indexed page
        members: dict[str, dict[str, list[int]]] = {name: {} for name in FACET_NAMES}
        for page_id, facet, value in rows:
            members.setdefault(facet, {}).setdefault(value, []).append(page_id)
        self.pages: dict[str, dict[str, PageSet]] = {
            facet: {value: self.bitmap(ids) for value, ids in values.items()}
            for facet, values in members.items()
        }

    def bitmap(self, page_ids: Iterable[int]) -> PageSet:
        """The pages as a bitmap, built as a string of binary digits (much faster in
        CPython than setting bits one by one on an integer)."""
        size = self.size
        digits = bytearray(b"0" * size)
        for page_id in page_ids:
            if 0 <= page_id < size:
                digits[page_id] = 49  # "1"
        digits.reverse()  # bit 0 is the last digit
        return int(digits, 2) if size else 0

    @staticmethod
    def members(pages: PageSet) -> set[int]:
        digits = bin(pages)[:1:-1]  # bit 0 first
        return {page_id for page_id, digit in enumerate(digits) if digit == "1"}

    @staticmethod
    def contains(pages: PageSet, page_id: int) -> bool:
        return page_id >= 0 and bool(pages >> page_id & 1)

    def allowed(self, filters: dict[str, list[str]], skip: str | None = None) -> PageSet | None:
        """Pages passing every facet filter but `skip` (values of one facet are OR'ed);
        None when no filter applies."""
        allowed: PageSet | None = None
        for name, values in filters.items():
            if not values or name == skip:
                continue
            having = 0
            for value in values:
                having |= self.pages[name].get(value, 0)
            allowed = having if allowed is None else allowed & having
        return allowed

    def counts(self, matched: PageSet, filters: dict[str, list[str]]) -> dict[str, dict[str, int]]:
        """For each facet, how many matches carry each value, the other facets' filters
        applied and not its own (so ticking a second value shows what it adds)."""
        counts = {}
        for name in FACET_NAMES:
            allowed = self.allowed(filters, skip=name)
            base = matched if allowed is None else matched & allowed
            counts[name] = {
                value: size
                for value, pages in self.pages[name].items()
                if (size := (base & pages).bit_count())
            }
        return counts
