"""The SQL of the database engine's full text, one class per database vendor.

Both rank with the same weights (title > summary > difficulties > memo > other sections)
and filter by facets through the `SearchFacet` table.
"""

from django.db import connection

from search.base import OTHER_WEIGHT, SECTION_WEIGHTS

WEIGHTS = (
    SECTION_WEIGHTS["title"],
    SECTION_WEIGHTS["summary"],
    SECTION_WEIGHTS["difficulties"],
    SECTION_WEIGHTS["memo"],
    OTHER_WEIGHT,
)
COLUMNS = ("title", "summary", "difficulties", "memo", "body")
FACET_TABLE = "thematic_search_searchfacet"


def facet_filter_sql(column: str, filters: dict[str, list[str]], skip: str | None = None):
    """`AND column IN (pages having one of the values)` for each facet but `skip`."""
    sql, params = "", []
    for name, values in filters.items():
        if values and name != skip:
            placeholders = ", ".join(["%s"] * len(values))
            sql += (
                f" AND {column} IN (SELECT entry_id FROM {FACET_TABLE}"
                f" WHERE facet = %s AND value IN ({placeholders}))"
            )
            params += [name, *values]
    return sql, params


class FacetCounting:
    """Facet counts over the matches: one query for the facets nobody filtered on, and one
    per filtered facet, leaving its own filter out (disjunctive facets)."""

    def facets(self, plan, section, filters: dict[str, list[str]]) -> dict[str, dict[str, int]]:
        counts: dict[str, dict[str, int]] = {name: {} for name in filters}
        unfiltered = [name for name, values in filters.items() if not values]
        if unfiltered:
            counts.update(self.count_facets(plan, section, unfiltered, filters, skip=None))
        for name, values in filters.items():
            if values:
                counts.update(self.count_facets(plan, section, [name], filters, skip=name))
        return counts

    def count_facets(self, plan, section, names, filters, skip) -> dict[str, dict[str, int]]:
        matched, params = self.matching_sql(plan, section)
        where, filter_params = facet_filter_sql("entry_id", filters, skip=skip)
        placeholders = ", ".join(["%s"] * len(names))
        counts: dict[str, dict[str, int]] = {name: {} for name in names}
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT facet, value, count(*) FROM {FACET_TABLE}"
                f" WHERE facet IN ({placeholders}){matched}{where} GROUP BY facet, value",
                [*names, *params, *filter_params],
            )
            for facet, value, count in cursor.fetchall():
                counts[facet][value] = count
        return counts


class SqliteFullText(FacetCounting):
    """FTS5 over pre-analysed terms; bm25 with per-column weights."""

    def write_many(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        """Insert rows (callers delete the old ones first)."""
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO search_fulltext (rowid, title, summary, difficulties, memo, body)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [[page_id, *(columns[name] for name in COLUMNS)] for page_id, columns in rows],
            )

    def delete(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            placeholders = ", ".join(["%s"] * len(page_ids))
            cursor.execute(f"DELETE FROM search_fulltext WHERE rowid IN ({placeholders})", page_ids)

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fulltext")

    def vocabulary(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT term FROM search_fulltext_terms")
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def expression(plan, section: str | None) -> str:
        def quoted(phrase) -> str:
            return '"' + " ".join(term.replace('"', '""') for term in phrase) + '"'

        clauses = [
            "(" + " OR ".join(quoted(phrase) for phrase in clause) + ")" for clause in plan.clauses
        ]
        expression = " OR ".join(clauses)
        return f"{{{section}}} : ({expression})" if section else expression

    def ranked(self, plan, section, filters, limit: int, offset: int):
        match = self.expression(plan, section)
        where, params = facet_filter_sql("rowid", filters)
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        with connection.cursor() as cursor:
            cursor.execute(
                # bm25() cannot sit beside a window function: rank in a subquery.
                "SELECT id, rank, count(*) OVER () FROM"
                f" (SELECT rowid AS id, bm25(search_fulltext, {weights}) AS rank"
                f" FROM search_fulltext WHERE search_fulltext MATCH %s{where})"
                " ORDER BY rank, id LIMIT %s OFFSET %s",
                [match, *params, limit, offset],
            )
            rows = cursor.fetchall()
        if not rows and offset:
            return [], self.count(match, where, params)
        return [(row[0], -row[1]) for row in rows], (rows[0][2] if rows else 0)

    @staticmethod
    def count(match: str, where: str, params: list) -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM search_fulltext WHERE search_fulltext MATCH %s{where}",
                [match, *params],
            )
            return cursor.fetchone()[0]

    def matching_sql(self, plan, section) -> tuple[str, list]:
        if plan is None:
            return "", []
        return (
            " AND entry_id IN (SELECT rowid FROM search_fulltext WHERE search_fulltext MATCH %s)",
            [self.expression(plan, section)],
        )


class PostgresFullText(FacetCounting):
    """tsvector columns of pre-analysed terms ('simple' configuration: no second analysis)."""

    def write_many(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        """Insert rows (callers delete the old ones first)."""
        vectors = ", ".join("to_tsvector('simple', %s)" for _ in COLUMNS)
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO search_fulltext (page_id, {', '.join(COLUMNS)})"
                f" VALUES (%s, {vectors})",
                [[page_id, *(columns[name] for name in COLUMNS)] for page_id, columns in rows],
            )

    def delete(self, page_ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fulltext WHERE page_id = ANY(%s)", [page_ids])

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM search_fulltext")

    def vocabulary(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT word FROM ts_stat('SELECT everything FROM search_fulltext')")
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def expression(plan) -> str:
        def quoted(phrase) -> str:
            return " <-> ".join("'" + term.replace("'", "''") + "'" for term in phrase)

        return " | ".join(
            "(" + " | ".join(quoted(phrase) for phrase in clause) + ")" for clause in plan.clauses
        )

    def ranked(self, plan, section, filters, limit: int, offset: int):
        where, params = facet_filter_sql("page_id", filters)
        vector = section or "everything"
        score = " + ".join(
            f"{weight} * ts_rank({column}, query)"
            for weight, column in zip(WEIGHTS, COLUMNS, strict=True)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, {score} AS score FROM search_fulltext,"
                f" to_tsquery('simple', %s) AS query WHERE {vector} @@ query{where}"
                " ORDER BY score DESC, page_id LIMIT %s OFFSET %s",
                [self.expression(plan), *params, limit, offset],
            )
            ranked = [(row[0], float(row[1])) for row in cursor.fetchall()]
            cursor.execute(
                f"SELECT count(*) FROM search_fulltext WHERE {vector} @@ to_tsquery('simple', %s)"
                f"{where}",
                [self.expression(plan), *params],
            )
            total = cursor.fetchone()[0]
        return ranked, total

    def matching_sql(self, plan, section) -> tuple[str, list]:
        if plan is None:
            return "", []
        return (
            f" AND entry_id IN (SELECT page_id FROM search_fulltext"
            f" WHERE {section or 'everything'} @@ to_tsquery('simple', %s))",
            [self.expression(plan)],
        )


def fulltext_for(vendor: str):
    if vendor == "sqlite":
        return SqliteFullText()
    if vendor == "postgresql":
        return PostgresFullText()
    raise RuntimeError(f"The database search engine does not support {vendor}.")
