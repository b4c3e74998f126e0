"""Rows loaded in bulk before imports made revisions get their first revision and translation sources."""

from django.db import migrations

from core.backfill import first_revisions_and_sources


class Migration(migrations.Migration):
    dependencies = [("history", "0003_period_and_publish_permission")]

    operations = [first_revisions_and_sources("history", "Director", "Milestone", "KeyFigure")]
