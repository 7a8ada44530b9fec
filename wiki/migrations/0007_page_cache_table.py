"""The table of the "pages" cache (settings.CACHES), made by migrate like every other table,
so that a new database, a test database and a restored one all have it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("wiki", "0006_contribution")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
