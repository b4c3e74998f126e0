"""An item's state as one JSON-serialisable value: what a draft of a live item holds.

    {"fields": {"title_en": "…", "title_cs": "…", "programme_id": 3, "started": "2018-01-01", …},
     "rows": {"results": [{"id": 7, "label_en": "…", "value": "800.00", …}, …]},
     "relations": {"funders": [1, 4], "partners": []}}

`fields` are the item's editable columns, every language's among them, but not its publication
(status and time) nor who changed it and when: publishing a draft keeps the live item's status and
sets its time itself. `rows` are the inline rows edited with the item (the model's `draft_rows`,
by default its `translated_rows`), `relations` its many-to-many fields. An image is kept by its
stored file name.

`capture(obj)` reads the state of a saved item; `apply(obj, state, user)` writes it back in one
transaction, rows added, changed and removed, with the content version changed (the page cache
sees the change on the next request).
"""

import datetime
import decimal

from django.db import models, router, transaction

from .i18n import translated_fields
from .public_cache import content_changed

KEPT_OUT = {"status", "published_at", "created", "created_by", "updated", "updated_by", "translation_sources"}


def draft_rows(model):
    return getattr(model, "draft_rows", None) or getattr(model, "translated_rows", ())


def state_fields(model, kept_out=()):
    """The concrete fields a state holds for `model`: editable, not the primary key, a language's
    column rather than the field it translates."""
    translated = set(translated_fields(model))
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in KEPT_OUT
        and field.name not in kept_out
        and field.name not in translated
    ]


def to_json(value):
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or ""
    return value


def read_fields(instance, fields):
    return {field.attname: to_json(getattr(instance, field.attname)) for field in fields}


def write_fields(instance, fields, values):
    by_attname = {field.attname: field for field in fields}
    for attname, value in values.items():
        field = by_attname.get(attname)
        if field is None:
            continue  # a field removed since the draft was saved
        if value is not None and not isinstance(field, models.FileField):
            value = field.to_python(value)
        setattr(instance, attname, value)


def row_relation(model, name):
    relation = model._meta.get_field(name)
    return relation.related_model, relation.field


def capture(obj):
    """The state of `obj` as stored now (rows and relations read afresh, not from a prefetch)."""
    model = type(obj)
    rows = {}
    for name in draft_rows(model):
        row_model, parent = row_relation(model, name)
        fields = state_fields(row_model, kept_out={parent.name})
        stored = row_model._default_manager.filter(**{parent.name: obj.pk}).order_by("pk")
        rows[name] = [{"id": row.pk, **read_fields(row, fields)} for row in stored]
    relations = {
        field.name: sorted(getattr(obj, field.name).order_by().values_list("pk", flat=True))
        for field in model._meta.many_to_many
        if field.editable
    }
    return {"fields": read_fields(obj, state_fields(model)), "rows": rows, "relations": relations}


def apply(obj, state, user=None):
    """Make `obj` (a saved item) hold `state`, in one transaction. Rows keep their ids when they
    still exist; rows the state lacks are removed; related items that no longer exist are left out."""
    model = type(obj)
    using = router.db_for_write(model)
    with transaction.atomic(using=using):
        write_fields(obj, state_fields(model), state.get("fields", {}))
        if user is not None:
            obj.updated_by = user
            obj._history_user = user
        obj.save()
        for name, wanted in state.get("rows", {}).items():
            apply_rows(obj, name, wanted, user)
        for name, pks in state.get("relations", {}).items():
            field = model._meta.get_field(name)
            getattr(obj, name).set(field.related_model._default_manager.filter(pk__in=pks))
        content_changed(using)
    return obj


def apply_rows(obj, name, wanted, user):
    row_model, parent = row_relation(type(obj), name)
    fields = state_fields(row_model, kept_out={parent.name})
    existing = {row.pk: row for row in row_model._default_manager.filter(**{parent.name: obj.pk})}
    kept = set()
    for values in wanted:
        row = existing.get(values.get("id"))
        if row is None:
            row = row_model(**{parent.name: obj})
            # A row added in a draft keeps its id, so that a form opened on the draft finds it,
            # unless that id has since gone to a row of another item.
            if values.get("id") and not row_model._default_manager.filter(pk=values["id"]).exists():
                row.pk = values["id"]
        write_fields(row, fields, values)
        if user is not None:
            row._history_user = user
        row.save()
        kept.add(row.pk)
    for pk, row in existing.items():
        if pk not in kept:
            if user is not None:
                row._history_user = user
            row.delete()
