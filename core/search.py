"""The admin's search: one folded column per content item (`admin_search_text`) holding its text in
every language, kept on save, and a query folded the same way.

Folding is `core.text.search_key` (no markup, lower case, Cyrillic by the site's transliteration
rule, other letters without diacritics), with the h of ch, sh, zh and kh dropped, so that the
Czech, the Ukrainian and an English spelling of a name meet: "Čáp", "Чап" (chap) and "chap" all
fold to "cap", and "integracni" finds "integrační". A query matches an item that contains every
one of its folded words; the same `contains` on a lower-case column works alike on SQLite and
PostgreSQL.
"""

import re

from django.db import migrations, models

from .text import search_key

SOUND_ALIKE_RE = re.compile(r"(?<=[cszk])h")
# Written out rather than read from settings: a migration must do tomorrow what it does today.
SOURCE_LANGUAGE = "en"
CHUNK = 500


def search_fold(text):
    """Text or a query folded for the admin's search: "Петро Чап, Petr Čáp" -> "petro cap, petr cap"."""
    return SOUND_ALIKE_RE.sub("", search_key(text))


def searched_columns(model):
    """The columns a person writes text in: every language's column of a translated field, the key
    and the other free-text fields (a director's name), read from the model's own fields so that a
    migration's historical model gives the same list."""
    names = {field.name for field in model._meta.concrete_fields}
    return [
        field.attname
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and field.editable
        and not field.choices
        and f"{field.name}_{SOURCE_LANGUAGE}" not in names  # modeltranslation's copy of one language
    ]


def admin_search_text(obj):
    """What `admin_search_text` holds for an item."""
    values = (getattr(obj, column) for column in searched_columns(type(obj)))
    return search_fold(" ".join(str(value) for value in values if value))


def matching(queryset, query):
    """The items of `queryset` whose text holds every word of `query`, however either is spelled."""
    for word in search_fold(query).split():
        queryset = queryset.filter(admin_search_text__contains=word)
    return queryset


def fill_admin_search_text(app_label, *model_names):
    """A RunPython operation giving the named models' existing rows their `admin_search_text`."""

    def forward(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            rows = model.objects.using(schema_editor.connection.alias).order_by("pk")
            for start in range(0, rows.count(), CHUNK):
                chunk = list(rows[start : start + CHUNK])
                for row in chunk:
                    row.admin_search_text = admin_search_text(row)
                model.objects.using(schema_editor.connection.alias).bulk_update(chunk, ["admin_search_text"])

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
