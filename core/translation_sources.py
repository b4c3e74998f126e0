"""Which English text each translation was written from: a hash per language and field, recorded
on every save, so that a translation whose English source changed since is known to be outdated.

On every save, each translated field whose value changed records a hash of the English text it
was written from (`TranslatedContent.translation_sources`); comparing that hash with the hash of
today's English text tells whether the source moved on.

An item's translated rows (a project's results) count as one more source field of the item, named
after their relation: the English text of all its rows is hashed together, recorded when the rows'
text in a language changes, and an English change of any row leaves the item outdated in the other
languages (`record_row_sources`, called once the rows are saved).
"""

import hashlib
import json

from django.db import models

from .i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, translated_fields

TARGET_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE)


def source_hash(text):
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def tracked_fields(model):
    """Translated fields a person writes; slugs and derived columns never make a translation outdated."""
    names = translated_fields(model)
    return tuple(
        name
        for name in names
        if model._meta.get_field(name).editable and not isinstance(model._meta.get_field(name), models.SlugField)
    )


def record_sources(obj):
    """Before a save: for each translation this save changes, note the English text it now matches.

    A translation with no note yet (one written while there was no English) is taken to match the
    English stored before this save, so that an English change made now still leaves it outdated.
    """
    model = type(obj)
    fields = tracked_fields(model)
    columns = [f"{name}_{code}" for name in fields for code in LANGUAGE_CODES]
    previous = None
    if obj.pk is not None and columns:
        previous = model._default_manager.filter(pk=obj.pk).values(*columns).first()
    sources = {code: dict(hashes) for code, hashes in (obj.translation_sources or {}).items()}
    for code in TARGET_LANGUAGES:
        hashes = sources.setdefault(code, {})
        for name in fields:
            value = getattr(obj, f"{name}_{code}")
            source = getattr(obj, f"{name}_{SOURCE_LANGUAGE}")
            if previous is not None and previous[f"{name}_{code}"] == value:
                source = previous[f"{name}_{SOURCE_LANGUAGE}"]
                if name in hashes or not value or not source:
                    continue
            # Text written while there was no English has no source to fall behind.
            if value and source:
                hashes[name] = source_hash(source)
            else:
                hashes.pop(name, None)
        if not hashes:
            del sources[code]
    obj.translation_sources = sources


def rows_text(rows, code):
    """The text of translated rows in one language as one string ("" when no row has any there).

    Rows are taken in the order they were created, so that moving a row on the page changes nothing,
    and an import that writes the same rows anew (new keys, same text) changes nothing either.
    """
    rows = sorted(rows, key=lambda row: row.pk)
    fields = tracked_fields(type(rows[0])) if rows else ()
    values = [[getattr(row, f"{name}_{code}") or "" for name in fields] for row in rows]
    if not any(any(value) for value in values):
        return ""
    return json.dumps(values, ensure_ascii=False)


def stored_rows(obj, name):
    """The rows of relation `name` as stored now, whatever the item has prefetched."""
    relation = type(obj)._meta.get_field(name)
    return list(relation.related_model._default_manager.filter(**{relation.field.name: obj.pk}))


def rows_snapshot(obj):
    """{relation: {language: text}} of an item's translated rows as stored now, to be taken before
    its rows are saved and handed to `record_row_sources` after."""
    snapshot = {}
    for name in obj.translated_rows:
        rows = stored_rows(obj, name)
        snapshot[name] = {code: rows_text(rows, code) for code in LANGUAGE_CODES}
    return snapshot


def record_row_sources(obj, before):
    """After an item's rows were saved: as `record_sources` does for its fields, each language whose
    rows' text changed notes the English rows' text it now matches. Returns whether anything changed.
    """
    recorded = obj.translation_sources or {}
    sources = {code: dict(hashes) for code, hashes in recorded.items()}
    for name, previous in before.items():
        rows = stored_rows(obj, name)
        for code in TARGET_LANGUAGES:
            hashes = sources.setdefault(code, {})
            value, source = rows_text(rows, code), rows_text(rows, SOURCE_LANGUAGE)
            if previous[code] == value:
                source = previous[SOURCE_LANGUAGE]
                if name in hashes or not value or not source:
                    continue
            if value and source:
                hashes[name] = source_hash(source)
            else:
                hashes.pop(name, None)
    sources = {code: hashes for code, hashes in sources.items() if hashes}
    obj.translation_sources = sources
    for name in before:
        getattr(obj, "_prefetched_objects_cache", {}).pop(name, None)
    return sources != recorded


def mark_up_to_date(obj, code, fields=None):
    """A translator checked the translation against today's English: it is no longer outdated.

    `fields` limits this to some of the translated fields, or of the relations of translated rows
    ("results"); by default it is the whole language.
    """
    rows = obj.translated_rows
    names = tracked_fields(type(obj)) if fields is None else [name for name in fields if name not in rows]
    relations = rows if fields is None else [name for name in fields if name in rows]
    hashes = dict((obj.translation_sources or {}).get(code, {})) if fields is not None else {}
    for name in names:
        if getattr(obj, f"{name}_{code}") and getattr(obj, f"{name}_{SOURCE_LANGUAGE}"):
            hashes[name] = source_hash(getattr(obj, f"{name}_{SOURCE_LANGUAGE}"))
        else:
            hashes.pop(name, None)
    for name in relations:
        translated = list(getattr(obj, name).all())
        if rows_text(translated, code) and rows_text(translated, SOURCE_LANGUAGE):
            hashes[name] = source_hash(rows_text(translated, SOURCE_LANGUAGE))
        else:
            hashes.pop(name, None)
    obj.translation_sources = {**(obj.translation_sources or {}), code: hashes}


def source_text_when_translated(obj, code, name):
    """The English text a field's translation was last confirmed against, found in the item's revisions
    (the latest one whose English has the recorded hash), or None when no revision holds it."""
    recorded = (obj.translation_sources or {}).get(code, {}).get(name)
    if recorded is None:
        return None
    texts = obj.history.order_by("-history_date", "-pk").values_list(f"{name}_{SOURCE_LANGUAGE}", flat=True)
    return next((text for text in texts.iterator() if text and source_hash(text) == recorded), None)


def outdated_fields(obj, code):
    """The fields of a translation whose English source changed since the translation was saved,
    and the relations of its translated rows whose English changed since their translation was."""
    if code == SOURCE_LANGUAGE:
        return []
    recorded = (obj.translation_sources or {}).get(code, {})
    fields = [
        name
        for name in tracked_fields(type(obj))
        if getattr(obj, f"{name}_{code}")
        and name in recorded
        and recorded[name] != source_hash(getattr(obj, f"{name}_{SOURCE_LANGUAGE}"))
    ]
    for name in obj.translated_rows:
        if name not in recorded:
            continue
        rows = list(getattr(obj, name).all())
        if rows_text(rows, code) and recorded[name] != source_hash(rows_text(rows, SOURCE_LANGUAGE)):
            fields.append(name)
    return fields
