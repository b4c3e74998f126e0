"""Admin behaviour shared by every content model: language tabs, a per-language status column and
filter, search over every language, the audit fieldset, per-language "view on site" links, revisions
with restore and a guard against overwriting another's save, the editorial roles (Editor, Translator,
Publisher, Administrator) enforced on the server, and the translation dashboard."""

import dataclasses
import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin, TranslationStackedInline, TranslationTabularInline
from modeltranslation.utils import get_translation_fields
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from . import translation_status
from .i18n import LANGUAGE_CODES, SOURCE_LANGUAGE, language_name, url_in_language
from .images import ImageAdminMixin
from .models import Status, translated_fields
from .richtext import RichTextAdminMixin
from .translation_status import State

AUDIT_FIELDS = ("created", "created_by", "updated", "updated_by")
PUBLICATION_FIELDS = ("status", "published_at")
STATE_SYMBOLS = {State.COMPLETE: "✓", State.OUTDATED: "!", State.MISSING: "–"}

admin.site.site_header = _("IOM Czechia: editorial office")
admin.site.site_title = _("IOM Czechia admin")
admin.site.index_title = _("Content of the website")


def in_every_language(*fields):
    """Each field's column in every language: ("title",) -> ("title_en", "title_cs", "title_uk")."""
    return tuple(get_translation_fields(*fields))


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
        available = queryset.available_in(code)
        if state == State.MISSING:
            return queryset.exclude(pk__in=available.values("pk"))
        outdated = [obj.pk for obj in available if translation_status.outdated_fields(obj, code)]
        if state == State.OUTDATED:
            return queryset.filter(pk__in=outdated)
        return available.exclude(pk__in=outdated)


def may_publish(user, model):
    """Publishing, unpublishing and scheduling need the model's "publish" permission (Publisher, Administrator)."""
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def may_write_source(user, model):
    """Whoever may add items writes the source language; a Translator, who may only change items, may not."""
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


def source_fields(model):
    """The fields a Translator may not change: every editable field but the translations into other languages."""
    names = []
    for field in model._meta.get_fields():
        if not (field.concrete or field.many_to_many) or field.auto_created or not field.editable:
            continue
        language = getattr(field, "language", None)
        if language is None and field.name in translated_fields(model):
            continue
        if language is None or language == SOURCE_LANGUAGE:
            names.append(field.name)
    return names


class RoleMixin:
    """The roles, enforced on the server: what a role may not change is read-only, so it is left out of the
    form and a crafted POST cannot change it."""

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if hasattr(self.model, "status") and not may_publish(request.user, self.model):
            fields += PUBLICATION_FIELDS
        if not may_write_source(request.user, self.model):
            fields += source_fields(self.model)
        return list(dict.fromkeys(fields))

    def save_model(self, request, obj, form, change):
        """Keep the stored value of every field the role may not change, also when a revision is restored."""
        if change:
            stored = type(obj)._default_manager.get(pk=obj.pk)
            readonly = set(self.get_readonly_fields(request, obj))
            for field in obj._meta.concrete_fields:
                if field.name in readonly:
                    setattr(obj, field.attname, getattr(stored, field.attname))
        super().save_model(request, obj, form, change)

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return {
            field: sources
            for field, sources in super().get_prepopulated_fields(request, obj).items()
            if field not in readonly and not readonly.intersection(sources)
        }


class RoleStackedInline(RoleMixin, TranslationStackedInline):
    pass


class RoleTabularInline(RoleMixin, TranslationTabularInline):
    pass


class AuditedAdminMixin:
    """Fills created_by / updated_by from the signed-in user and shows who changed what, read-only."""

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), *AUDIT_FIELDS)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f not in AUDIT_FIELDS]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None:
            return fieldsets
        audit = {
            "fields": AUDIT_FIELDS,
            "classes": ("collapse",),
            "description": _("Times are Europe/Prague time."),
        }
        return [*fieldsets, (_("Created and changed"), audit)]

    def save_model(self, request, obj, form, change):
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            if inline_form.has_changed() and hasattr(inline_form.instance, "updated_by_id"):
                stamp(inline_form.instance, request.user)
        super().save_formset(request, form, formset, change)


def stamp(obj, user):
    """Who created and last changed an item, on the item and on the revision its save makes."""
    if obj._state.adding:
        obj.created_by = user
    else:
        keep_first_revision(obj)
    obj.updated_by = user
    obj._history_user = user


def keep_first_revision(obj):
    """An item loaded in bulk has no revision yet: keep its stored state as the first one before changing it."""
    model = type(obj)
    if model.history.filter(id=obj.pk).exists():
        return
    stored = model._default_manager.get(pk=obj.pk)
    model.history.bulk_history_create([stored], default_user=stored.updated_by, default_date=stored.updated)


def saved_version(model, pk):
    """When the item was last saved, and by whom, as stored now: (timestamp text, user or None)."""
    row = model._default_manager.filter(pk=pk).values_list("updated", "updated_by__username").first()
    return (row[0].isoformat(), row[1]) if row else ("", None)


class ContentAdminForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened (optimistic locking).

    The form carries the item's last-saved time as it was when the form was opened. On a refusal the
    form keeps everything typed and takes the new time, so that a second save, made knowingly, wins.
    """

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = saved_version(type(self.instance), self.instance.pk)[0]

    def add_error(self, field, error):
        """An error on a field this user cannot edit (e.g. English for a Translator) is shown at the top of
        the form, naming the field, instead of failing because the form has no such field."""
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            kept = {}
            for name, errors in error.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    kept[name] = errors
                    continue
                label = capfirst(self.instance._meta.get_field(name).verbose_name)
                kept.setdefault(NON_FIELD_ERRORS, []).extend(
                    ValidationError(f"{label}: {message}") for problem in errors for message in problem.messages
                )
            error = ValidationError(kept)
        super().add_error(field, error)

    def clean(self):
        cleaned_data = super().clean()
        opened = cleaned_data.get("opened_version")
        if self.instance.pk is None or not opened:
            return cleaned_data
        version, user = saved_version(type(self.instance), self.instance.pk)
        if version != opened:
            data = self.data.copy()
            data[self.add_prefix("opened_version")] = version
            self.data = data
            saved_at = timezone.localtime(datetime.datetime.fromisoformat(version))
            raise ValidationError(
                _(
                    "%(user)s saved this item at %(time)s (Europe/Prague time), after you opened it, so your "
                    "changes were not saved. They are still in the form below: compare them with the item's "
                    "history, then save again to replace that version."
                ),
                code="edit_conflict",
                params={"user": user or _("Someone else"), "time": saved_at.strftime("%Y-%m-%d %H:%M:%S")},
            )
        return cleaned_data


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
            translation_status.mark_up_to_date(obj, code)
            stamp(obj, request.user)
            obj.save()
            modeladmin.log_change(request, obj, f"Marked {code} as up to date.")
        modeladmin.message_user(
            request, _("%(count)d items marked as up to date.") % {"count": len(outdated)}, messages.SUCCESS
        )

    action.__name__ = f"mark_{code}_up_to_date"
    return action


class RevisionChanges(HistoricalRecordContextHelper):
    """The changes the history view lists: times in Prague time, bookkeeping columns left out."""

    bookkeeping = ("updated", "translation_sources", "search_text")

    def context_for_delta_changes(self, delta):
        changes = [change for change in delta.changes if self.base_name(change.field) not in self.bookkeeping]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def base_name(self, name):
        """ "search_text_cs" -> "search_text": a language column's translated field."""
        field = self.model._meta.get_field(name)
        return getattr(field, "translated_field", field).name

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, datetime.datetime):
            return formats.localize(timezone.localtime(value))
        return super().prepare_delta_change_value(change, value)


class TranslatedContentAdmin(
    RoleMixin, RichTextAdminMixin, ImageAdminMixin, AuditedAdminMixin, SimpleHistoryAdmin, TabbedTranslationAdmin
):
    """The base of every content model's admin."""

    form = ContentAdminForm
    actions = tuple(mark_up_to_date_action(code) for code in translation_status.TARGET_LANGUAGES)
    list_filter = (TranslationStateFilter,)
    object_history_template = "admin/revision_history.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a revision rewrites the source language, so it is for roles that may write it."""
        if not may_write_source(request.user, self.model):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "translation_state")

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [(_("Translation status"), {"fields": ("translation_state", "opened_version")}), *fieldsets]

    @admin.display(description=_("per language"))
    def translation_state(self, obj):
        """Each language's state, naming the fields whose English source changed since they were translated."""
        lines = []
        for code, state in translation_status.states(obj).items():
            fields = ", ".join(
                str(obj._meta.get_field(name).verbose_name) for name in translation_status.outdated_fields(obj, code)
            )
            lines.append((language_name(code), state.label, fields and _("English changed in: %s") % fields))
        return format_html_join("", '<div class="translation-state">{}: {} {}</div>', lines)

    @admin.display(description=_("languages"))
    def language_status(self, obj):
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

    def get_view_on_site_url(self, obj=None):
        """The item's public page in the admin's language if it has one, else in a language it has."""
        if obj is None or not hasattr(obj, "get_absolute_url"):
            return None
        languages = obj.available_languages()
        if not languages:
            return None
        current = translation.get_language()
        return url_in_language(obj, current if current in languages else languages[0])


class PublishableContentAdmin(TranslatedContentAdmin):
    """Content with a status and a publication time, and the Publisher's list actions."""

    actions = ("publish_now", "unpublish", *TranslatedContentAdmin.actions)

    def has_publish_permission(self, request):
        return may_publish(request.user, self.model)

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        for obj in queryset:
            obj.status = Status.PUBLISHED
            obj.published_at = min(obj.published_at, now)
            self.save_by_action(request, obj, _("Published."))
        self.message_user(request, _("Published %(count)d items.") % {"count": len(queryset)}, messages.SUCCESS)

    @admin.action(description=_("Unpublish the selected items (back to draft)"), permissions=["publish"])
    def unpublish(self, request, queryset):
        for obj in queryset:
            obj.status = Status.DRAFT
            self.save_by_action(request, obj, _("Unpublished."))
        self.message_user(request, _("Unpublished %(count)d items.") % {"count": len(queryset)}, messages.SUCCESS)

    def save_by_action(self, request, obj, message):
        stamp(obj, request.user)
        obj.save()
        self.log_change(request, obj, str(message))


def translation_dashboard(request):
    """What is missing or outdated, per language and model, with links to the items and filtered lists."""
    models = [
        model
        for model in translation_status.translated_models()
        if admin.site.is_registered(model) and admin.site.get_model_admin(model).has_view_permission(request)
    ]
    rows = []
    for entry in translation_status.report(models):
        opts = entry.model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "entry": entry,
                "language": language_name(entry.code),
                "model": opts.verbose_name_plural,
                "missing_url": f"{changelist}?translation={entry.code}-{State.MISSING}",
                "outdated_url": f"{changelist}?translation={entry.code}-{State.OUTDATED}",
                "items": [
                    (state, obj, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
                    for state, objects in ((State.MISSING, entry.missing), (State.OUTDATED, entry.outdated))
                    for obj in objects
                ],
            }
        )
    rows.sort(key=lambda row: LANGUAGE_CODES.index(row["entry"].code))
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "languages": [(code, language_name(code)) for code in LANGUAGE_CODES],
    }
    return TemplateResponse(request, "admin/translation_status.html", context)
