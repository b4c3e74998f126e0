"""The text the admin's search reads, folded in one column per item (core.search)."""

from django.db import migrations, models

from core.search import fill_admin_search_text


class Migration(migrations.Migration):
    dependencies = [
        ("history", "0004_first_revisions_and_translation_sources"),
    ]

    operations = [
        migrations.AddField(
            model_name="director",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="historicaldirector",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="historicalkeyfigure",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="keyfigure",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="milestone",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        fill_admin_search_text("history", "Director", "Milestone", "KeyFigure"),
    ]
