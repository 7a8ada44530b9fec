"""The SQL of the database engine's full text, one class per database vendor.

Both rank with the same weights (title > summary > difficulties > memo > other sections);
facets are filtered and counted by the engine (see database_facets.py).
"""

from itertools import combinations
from math import comb

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
WEIGHTED_COLUMNS = ("title", "summary", "difficulties", "memo")


MAX_COMBINATIONS = 60


def enough_clauses(clauses: list[str], required: int) -> list[tuple[str, ...]]:
    """The ways to match `required` of the clauses, for "k of n" in a boolean expression;
    for very long queries (too many ways), any one clause is enough."""
    if comb(len(clauses), required) > MAX_COMBINATIONS:
        return [(clause,) for clause in clauses]
    return list(combinations(clauses, required))


class SqliteFullText:
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

    def optimize(self) -> None:
        """Merge the index's segments into one (after a rebuild: each batch of inserts, and
        every delete, leaves segments that every query then visits)."""
        with connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fulltext (search_fulltext) VALUES ('optimize')")

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
        expression = " OR ".join(
            "(" + " AND ".join(combination) + ")"
            for combination in enough_clauses(clauses, plan.required)
        )
        return f"{{{section}}} : ({expression})" if section else expression

    def match_ids(self, plan, section: str | None) -> list[int]:
        """Every matching page, unranked: cheap, for the total and the facets."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fulltext WHERE search_fulltext MATCH %s",
                [self.expression(plan, section)],
            )
            return [row[0] for row in cursor.fetchall()]

    def ranked(
        self, plan, section: str | None, weighted_only: bool, limit: int | None = None
    ) -> list[tuple[int, float]]:
        """Matching pages with their score, best first (the first `limit` only, if given);
        with `weighted_only`, only pages that match in the title, summary, difficulties or
        memo (ranking every page that merely mentions a word is what makes broad queries
        slow)."""
        expression = self.expression(plan, section)
        if weighted_only and not section:
            expression = f"{{{' '.join(WEIGHTED_COLUMNS)}}} : ({expression})"
        weights = ", ".join(str(weight) for weight in WEIGHTS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid, bm25(search_fulltext, {weights}) AS rank FROM search_fulltext"
                " WHERE search_fulltext MATCH %s ORDER BY rank, rowid LIMIT %s",
                [expression, -1 if limit is None else limit],
            )
            return [(page_id, -rank) for page_id, rank in cursor.fetchall()]


class PostgresFullText:
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

    def optimize(self) -> None:
        """Nothing to merge: PostgreSQL's GIN index has no segments (autovacuum tidies)."""

    def vocabulary(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT word FROM ts_stat('SELECT everything FROM search_fulltext')")
            return [row[0] for row in cursor.fetchall()]

    @staticmethod
    def expression(plan) -> str:
        def quoted(phrase) -> str:
            return " <-> ".join("'" + term.replace("'", "''") + "'" for term in phrase)

        clauses = [
            "(" + " | ".join(quoted(phrase) for phrase in clause) + ")" for clause in plan.clauses
        ]
        return " | ".join(
            "(" + " & ".join(combination) + ")"
            for combination in enough_clauses(clauses, plan.required)
        )

    def match_ids(self, plan, section: str | None) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id FROM search_fulltext WHERE {section or 'everything'}"
                " @@ to_tsquery('simple', %s)",
                [self.expression(plan)],
            )
            return [row[0] for row in cursor.fetchall()]

    def ranked(
        self, plan, section: str | None, weighted_only: bool, limit: int | None = None
    ) -> list[tuple[int, float]]:
        vector = section or "everything"
        score = " + ".join(
            f"{weight} * ts_rank({column}, query)"
            for weight, column in zip(WEIGHTS, COLUMNS, strict=True)
        )
        weighted = ""
        if weighted_only and not section:
            weighted = " AND (" + " OR ".join(f"{c} @@ query" for c in WEIGHTED_COLUMNS) + ")"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT page_id, {score} AS score FROM search_fulltext,"
                f" to_tsquery('simple', %s) AS query WHERE {vector} @@ query{weighted}"
                " ORDER BY score DESC, page_id LIMIT %s",
                [self.expression(plan), limit],
            )
            return [(page_id, float(score)) for page_id, score in cursor.fetchall()]


def fulltext_for(vendor: str):
    if vendor == "sqlite":
        return SqliteFullText()
    if vendor == "postgresql":
        return PostgresFullText()
    raise RuntimeError(f"The database search engine does not support {vendor}.")
