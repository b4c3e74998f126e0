"""A migration step for rows written before imports went through Django's own paths: each gets
the first revision and the translation sources that an import or a save gives a row today."""

from django.db import migrations, models
from django.utils import timezone

from .translation_sources import source_hash

SOURCE_LANGUAGE = "en"
TARGET_LANGUAGES = ("cs", "uk")


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
            with_revision = history.objects.values("id")
            for row in model.objects.exclude(pk__in=with_revision).iterator(chunk_size=500):
                if has_sources and not row.translation_sources:
                    row.translation_sources = sources_of(row, fields)
                    model.objects.filter(pk=row.pk).update(translation_sources=row.translation_sources)
                history.objects.create(
                    history_date=getattr(row, "updated", None) or timezone.now(),
                    history_type="+",
                    history_user_id=getattr(row, "updated_by_id", None),
                    **{column: getattr(row, column) for column in columns},
                )

    return migrations.RunPython(forward, migrations.RunPython.noop, elidable=True)
