"""Whether each translation of an item is missing, complete or outdated: one computation shared by
the admin lists, the admin dashboard and the `translation_status` command.

A translation is *outdated* when the source-language (English) text of one of its fields changed
after that translation was last saved. On every save, each translated field whose value changed
records a hash of the English text it was written from (`TranslatedContent.translation_sources`);
comparing that hash with the hash of today's English text tells whether the source moved on.
"""

import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from .i18n import LANGUAGE_CODES, SOURCE_LANGUAGE
from .models import TranslatedContent, translated_fields

TARGET_LANGUAGES = tuple(code for code in LANGUAGE_CODES if code != SOURCE_LANGUAGE)


class State(models.TextChoices):
    MISSING = "missing", _("missing")
    COMPLETE = "complete", _("complete")
    OUTDATED = "outdated", _("outdated")


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

    A translation with no note yet (e.g. one loaded in bulk) is taken to match the English stored
    before this save, so that an English change made now still leaves it outdated.
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


def mark_up_to_date(obj, code):
    """A translator checked the translation against today's English: it is no longer outdated."""
    hashes = {
        name: source_hash(getattr(obj, f"{name}_{SOURCE_LANGUAGE}"))
        for name in tracked_fields(type(obj))
        if getattr(obj, f"{name}_{code}") and getattr(obj, f"{name}_{SOURCE_LANGUAGE}")
    }
    obj.translation_sources = {**(obj.translation_sources or {}), code: hashes}


def outdated_fields(obj, code):
    """The fields of a translation whose English source changed since the translation was saved."""
    if code == SOURCE_LANGUAGE:
        return []
    recorded = (obj.translation_sources or {}).get(code, {})
    return [
        name
        for name in tracked_fields(type(obj))
        if getattr(obj, f"{name}_{code}")
        and name in recorded
        and recorded[name] != source_hash(getattr(obj, f"{name}_{SOURCE_LANGUAGE}"))
    ]


def language_state(obj, code):
    if not obj.is_available_in(code):
        return State.MISSING
    if outdated_fields(obj, code):
        return State.OUTDATED
    return State.COMPLETE


def states(obj):
    """{'en': State.COMPLETE, 'cs': State.OUTDATED, 'uk': State.MISSING} for one item."""
    return {code: language_state(obj, code) for code in LANGUAGE_CODES}


def translated_models():
    """Every concrete model built on TranslatedContent, in a stable order."""
    found = [model for model in apps.get_models() if issubclass(model, TranslatedContent)]
    return sorted(found, key=lambda model: model._meta.label)


@dataclass
class Entry:
    """One model in one language: how many items are complete, and which are missing or outdated."""

    model: type
    code: str
    complete: int = 0
    missing: list = field(default_factory=list)
    outdated: list = field(default_factory=list)

    @property
    def total(self):
        return self.complete + len(self.missing) + len(self.outdated)


def report(models_to_check=None):
    """Entries for every translated model and language, models in label order, languages as in settings."""
    entries = []
    for model in models_to_check or translated_models():
        per_language = {code: Entry(model, code) for code in LANGUAGE_CODES}
        for obj in model._default_manager.order_by("pk"):
            for code, state in states(obj).items():
                entry = per_language[code]
                if state == State.MISSING:
                    entry.missing.append(obj)
                elif state == State.OUTDATED:
                    entry.outdated.append(obj)
                else:
                    entry.complete += 1
        entries.extend(per_language.values())
    return entries
