"""The text the admin's search reads, folded in one column per item (core.search)."""

from django.db import migrations, models

from core.search import fill_admin_search_text
from core.text import search_key

LANGUAGES = ("en", "cs", "uk")


def refold_search_text(apps, schema_editor):
    """The public search's folded text again: Ukrainian is now read by the site's transliteration rule."""
    NewsItem = apps.get_model("news", "NewsItem")
    items = NewsItem.objects.using(schema_editor.connection.alias)
    for item in items.order_by("pk").iterator(chunk_size=500):
        for code in LANGUAGES:
            parts = [getattr(item, f"{field}_{code}") for field in ("title", "lead", "body")]
            setattr(item, f"search_text_{code}", search_key(" ".join(p for p in parts if p)) or None)
        item.save(update_fields=[f"search_text_{code}" for code in LANGUAGES])


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0007_newsitem_list_indexes_literal_empty"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalnewsitem",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        migrations.AddField(
            model_name="newsitem",
            name="admin_search_text",
            field=models.TextField(blank=True, default="", editable=False, verbose_name="text for the admin's search"),
        ),
        fill_admin_search_text("news", "NewsItem"),
        migrations.RunPython(refold_search_text, migrations.RunPython.noop, elidable=True),
    ]
