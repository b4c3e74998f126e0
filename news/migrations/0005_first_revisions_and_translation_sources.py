"""Rows loaded in bulk before imports made revisions get their first revision and translation sources."""

from django.db import migrations

from core.backfill import first_revisions_and_sources


class Migration(migrations.Migration):
    dependencies = [("news", "0004_publish_permission")]

    operations = [first_revisions_and_sources("news", "NewsItem")]
