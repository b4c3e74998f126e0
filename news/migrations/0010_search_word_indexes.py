"""On PostgreSQL, the public search finds words through a full-text index per language on the
folded search text, in place of the trigram indexes of 0006.

A trigram index only narrows a `LIKE '%word%'` search down: PostgreSQL then reads each candidate's
whole text again, which for a word found in most items (a name, "migration") meant reading every
row twice per search, once to count and once for the page. A full-text index answers exactly,
so a count reads no text. The expression is the one `NewsItemQuerySet.search()` builds with
`SearchVector(…, config="simple")`; the planner only uses the index while the two agree. SQLite has
no such index; its search reads every row, as before.
"""

from django.db import migrations

# Frozen here as migrations must be: the languages whose columns exist at this migration.
LANGUAGES = ("en", "cs", "uk")


def word_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "newsitem_search_{code}"')
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "newsitem_words_{code}" ON "news_newsitem" '
            f"USING gin (to_tsvector('simple'::regconfig, COALESCE(\"search_text_{code}\", ''::text)))"
        )


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for code in LANGUAGES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "newsitem_words_{code}"')
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "newsitem_search_{code}" '
            f'ON "news_newsitem" USING gin ("search_text_{code}" gin_trgm_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [("news", "0009_workflow")]

    operations = [migrations.RunPython(word_indexes, trigram_indexes, elidable=False)]
