"""The text the admin's search reads, folded in one column per item (core.search)."""

from django.db import migrations, models

from core.search import fill_admin_search_text


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0004_first_revisions_and_translation_sources"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalorganisation",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="historicalprogramme",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="historicalproject",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="organisation",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="programme",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="project",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        fill_admin_search_text("programmes", "Organisation", "Programme", "Project"),
    ]
