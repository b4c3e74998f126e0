"""Whether each translation of an item is missing, complete or outdated: one computation shared by
the admin lists, the admin dashboard and the `translation_status` command.

A translation is *outdated* when the source-language (English) text of one of its fields changed
after that translation was last saved (see `translation_sources`).
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

from .i18n import LANGUAGE_CODES
from .models import TranslatedContent
from .translation_sources import TARGET_LANGUAGES, mark_up_to_date, outdated_fields

__all__ = ["TARGET_LANGUAGES", "State", "mark_up_to_date", "outdated_fields", "report", "states"]


class State(models.TextChoices):
    MISSING = "missing", _("missing")
    COMPLETE = "complete", _("complete")
    OUTDATED = "outdated", _("outdated")


def language_state(obj, code):
    """Missing until the item and each of its translated rows (a project's results) are filled in."""
    if not obj.is_translated_in(code):
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
        for obj in model._default_manager.with_translated_rows().order_by("pk"):
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
