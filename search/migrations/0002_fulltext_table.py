"""The full-text table of the database engine, in the database's own dialect."""

from django.db import migrations

SQLITE = [
    # Columns hold pre-analysed terms (see search/analysis.py): the tokenizer only splits.
    "CREATE VIRTUAL TABLE search_fulltext USING fts5("
    "title, summary, difficulties, memo, body, tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE VIRTUAL TABLE search_fulltext_terms USING fts5vocab(search_fulltext, 'row')",
]
SQLITE_DROP = ["DROP TABLE IF EXISTS search_fulltext_terms", "DROP TABLE IF EXISTS search_fulltext"]

POSTGRES = [
    # No foreign key to the entries: the engine deletes both, and a key would stop Django's
    # flush (TRUNCATE) of the entries table.
    "CREATE TABLE search_fulltext ("
    " page_id bigint PRIMARY KEY,"
    " title tsvector NOT NULL, summary tsvector NOT NULL, difficulties tsvector NOT NULL,"
    " memo tsvector NOT NULL, body tsvector NOT NULL,"
    " everything tsvector GENERATED ALWAYS AS"
    " (title || summary || difficulties || memo || body) STORED)",
    "CREATE INDEX search_fulltext_everything ON search_fulltext USING gin (everything)",
    "CREATE INDEX search_fulltext_difficulties ON search_fulltext USING gin (difficulties)",
]
POSTGRES_DROP = ["DROP TABLE IF EXISTS search_fulltext"]


def statements_for(vendor: str, create: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE if create else SQLITE_DROP
    if vendor == "postgresql":
        return POSTGRES if create else POSTGRES_DROP
    raise RuntimeError(f"The database search engine does not support {vendor}.")


def create(apps, schema_editor):
    for statement in statements_for(schema_editor.connection.vendor, create=True):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in statements_for(schema_editor.connection.vendor, create=False):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("thematic_search", "0001_search_tables")]
    operations = [migrations.RunPython(create, drop)]
