"""On PostgreSQL, a trigram index per language on the search text, so that a search reads only the
items that may contain its words (`LIKE '%word%'` on the folded text) instead of every row.

pg_trgm ships with PostgreSQL and is a trusted extension (13 and later): the database's owner may
create it. SQLite has no such index; its search keeps reading every row, as before.
"""

from django.db import migrations

# Frozen here as migrations must be: the languages whose columns exist at this migration.
LANGUAGES = ("en", "cs", "uk")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for code in LANGUAGES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "newsitem_search_{code}" '
            f'ON "news_newsitem" USING gin ("search_text_{code}" gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "newsitem_search_{code}"')


class Migration(migrations.Migration):
    dependencies = [("news", "0005_first_revisions_and_translation_sources")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
