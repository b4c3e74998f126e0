"""Translation status in the admin: a per-language column and filter, the item's state per language,
and the list action that marks a translation as up to date with the English."""

from django.conf import settings
from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from core import translation_status
from core.i18n import LANGUAGE_CODES, language_name
from core.translation_status import State

from .audit import stamp

STATE_SYMBOLS = {State.COMPLETE: "✓", State.OUTDATED: "!", State.MISSING: "–"}


class TranslationStateFilter(admin.SimpleListFilter):
    """Items complete, missing or outdated in one language."""

    title = _("translation")
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        for code in LANGUAGE_CODES:
            for state in State:
                yield f"{code}-{state.value}", f"{language_name(code)}: {state.label}"

    def queryset(self, request, queryset):
        code, _dash, state = (self.value() or "").partition("-")
        if code not in LANGUAGE_CODES or state not in State.values:
            return queryset
        available = queryset.translated_in(code)
        if state == State.MISSING:
            return queryset.exclude(pk__in=available.values("pk"))
        outdated = [obj.pk for obj in available if translation_status.outdated_fields(obj, code)]
        if state == State.OUTDATED:
            return queryset.filter(pk__in=outdated)
        return available.exclude(pk__in=outdated)


def mark_translation_up_to_date(modeladmin, request, obj, code, fields=None):
    """Save `obj` with its translation into `code` (or only `fields` of it) marked as up to date with
    the English, as the signed-in user: the list actions and the translator screen both do it here."""
    translation_status.mark_up_to_date(obj, code, fields)
    stamp(obj, request.user)
    obj.save()
    named = f" ({', '.join(fields)})" if fields else ""
    modeladmin.log_change(request, obj, f"Marked {code}{named} as up to date.")


def mark_up_to_date_action(code):
    """A list action for one translation language: "the English changes need no new translation"."""

    @admin.action(
        description=format_lazy(
            _("Mark {language} as up to date with the English"), language=dict(settings.LANGUAGES)[code]
        ),
        permissions=["change"],
    )
    def action(modeladmin, request, queryset):
        outdated = [obj for obj in queryset if translation_status.outdated_fields(obj, code)]
        for obj in outdated:
            mark_translation_up_to_date(modeladmin, request, obj, code)
        modeladmin.message_user(
            request, _("%(count)d items marked as up to date.") % {"count": len(outdated)}, messages.SUCCESS
        )

    action.__name__ = f"mark_{code}_up_to_date"
    return action


MARK_UP_TO_DATE_ACTIONS = tuple(mark_up_to_date_action(code) for code in translation_status.TARGET_LANGUAGES)


def field_label(obj, name):
    """A field's name as the form shows it; the rows of a relation (results) by their plural name."""
    field = obj._meta.get_field(name)
    if field.one_to_many:
        return str(field.related_model._meta.verbose_name_plural)
    return str(field.verbose_name)


@admin.display(description=_("per language"))
def translation_state(obj):
    """Each language's state, naming the fields whose English source changed since they were translated,
    or the rows (a project's results) that keep an otherwise filled-in translation missing."""
    lines = []
    for code, state in translation_status.states(obj).items():
        fields = ", ".join(field_label(obj, name) for name in translation_status.outdated_fields(obj, code))
        rows = ", ".join(
            str(obj._meta.get_field(name).related_model._meta.verbose_name_plural)
            for name in obj.translated_rows
            if not all(row.is_complete_in(code) for row in getattr(obj, name).all())
        )
        note = fields and _("English changed in: %s") % fields
        if state == State.MISSING and obj.is_available_in(code) and rows:
            note = _("not filled in for every row of: %s") % rows
        lines.append((language_name(code), state.label, note, translator_link(obj, code)))
    return format_html_join("", '<div class="translation-state">{}: {} {}{}</div>', lines)


def translator_link(obj, code):
    """A link to the translator screen of `obj` in a target language (none for the source language)."""
    if code not in translation_status.TARGET_LANGUAGES:
        return ""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, code])
    label = format_lazy(_("Translate into {language} side by side with the English"), language=language_name(code))
    return format_html(' <a href="{}" class="translator-link">{}</a>', url, label)


@admin.display(description=_("languages"))
def language_status(obj):
    """`EN ✓ CS ! UK –`: each language's state in a list column."""
    return format_html(
        '<span class="language-status">{}</span>',
        format_html_join(
            " ",
            '<span title="{}: {}">{} {}</span>',
            (
                (language_name(code), state.label, code.upper(), STATE_SYMBOLS[state])
                for code, state in translation_status.states(obj).items()
            ),
        ),
    )
