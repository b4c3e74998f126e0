"""A migration step for rows written before imports went through Django's own paths: each gets
the first revision and the translation sources that an import or a save gives a row today."""

from django.db import migrations, models
from django.utils import timezone

from .translation_sources import source_hash

# Written out rather than read from settings: a migration must do tomorrow what it does today.
SOURCE_LANGUAGE = "en"
TARGET_LANGUAGES = ("cs", "uk")
CHUNK = 500


def tracked_columns(model):
    """The translated fields a person writes, read from the (historical) model's own columns."""
    names = {field.name: field for field in model._meta.concrete_fields}
    return [
        name
        for name, field in names.items()
        if f"{name}_{SOURCE_LANGUAGE}" in names
        and field.editable
        and not isinstance(names[f"{name}_{SOURCE_LANGUAGE}"], models.SlugField)
    ]


def sources_of(row, fields):
    """What `record_sources` gives a row saved for the first time."""
    sources = {}
    for code in TARGET_LANGUAGES:
        hashes = {
            name: source_hash(getattr(row, f"{name}_{SOURCE_LANGUAGE}"))
            for name in fields
            if getattr(row, f"{name}_{code}") and getattr(row, f"{name}_{SOURCE_LANGUAGE}")
        }
        if hashes:
            sources[code] = hashes
    return sources


def first_revisions_and_sources(app_label, *model_names):
    """A RunPython operation for the named models of one app (each registered with simple-history)."""

    def forward(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            history = apps.get_model(app_label, f"Historical{name}")
            history_columns = {field.attname for field in history._meta.concrete_fields}
            columns = [field.attname for field in model._meta.concrete_fields if field.attname in history_columns]
            has_sources = "translation_sources" in columns
            fields = tracked_columns(model) if has_sources else []
            rows = model.objects.exclude(pk__in=history.objects.values("id")).order_by("pk")
            for _chunk in range(0, rows.count(), CHUNK):
                chunk = list(rows[:CHUNK])  # rows given a revision drop out of `rows`
                if has_sources:
                    unsourced = [row for row in chunk if not row.translation_sources]
                    for row in unsourced:
                        row.translation_sources = sources_of(row, fields)
                    model.objects.bulk_update(unsourced, ["translation_sources"])
                history.objects.bulk_create(
                    history(
                        history_date=getattr(row, "updated", None) or timezone.now(),
                        history_type="+",
                        history_user_id=getattr(row, "updated_by_id", None),
                        **{column: getattr(row, column) for column in columns},
                    )
                    for row in chunk
                )

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
