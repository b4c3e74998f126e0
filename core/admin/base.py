"""The base admins of every content model: language tabs, the editor and image widgets, revisions,
and the rules of roles, audit, edit conflicts, the soft lock, the preview and translation status put
together."""

import datetime

from django.contrib import admin, messages
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin
from modeltranslation.utils import get_translation_fields

from core import workflow
from core.i18n import url_in_language
from core.models import Status
from core.translation_sources import record_row_sources, rows_snapshot

from .audit import AUDIT_FIELDS, stamp, stamp_changed_rows, with_audit_fieldset
from .compare import RevisionCompareMixin
from .conflicts import EditConflictForm
from .deletion import DeletionAdmin
from .images import ImageAdminMixin
from .presence import EditPresenceAdmin
from .preview import PreviewAdmin
from .revisions import RevisionsAdmin
from .richtext import RichTextAdminMixin
from .roles import RoleFormMixin, keep_stored_values, may_publish, readonly_for_role, without_readonly
from .search import ContentSearchMixin
from .slugs import SlugFollowsTitleForm, SlugRuleAdminMixin, tell_slug_changes
from .titles import TitledAdmin
from .translations import MARK_UP_TO_DATE_ACTIONS, TranslationStateFilter, language_status, translation_state
from .translator import TranslatorScreenMixin
from .workflow import WorkflowAdminMixin


def in_every_language(*fields):
    """Each field's column in every language: ("title",) -> ("title_en", "title_cs", "title_uk")."""
    return tuple(get_translation_fields(*fields))


class ContentAdminForm(RoleFormMixin, SlugFollowsTitleForm, EditConflictForm):
    pass


class TranslatedContentAdmin(
    TitledAdmin,
    DeletionAdmin,
    ContentSearchMixin,
    SlugRuleAdminMixin,
    EditPresenceAdmin,
    PreviewAdmin,
    RichTextAdminMixin,
    ImageAdminMixin,
    TranslatorScreenMixin,
    RevisionCompareMixin,
    RevisionsAdmin,
    TabbedTranslationAdmin,
):
    """The base of every content model's admin."""

    form = ContentAdminForm
    actions = MARK_UP_TO_DATE_ACTIONS
    list_filter = (TranslationStateFilter,)
    translation_state = staticmethod(translation_state)
    language_status = staticmethod(language_status)

    def get_queryset(self, request):
        """With each item's translated rows, which its translation status reads."""
        return super().get_queryset(request).with_translated_rows()

    def get_readonly_fields(self, request, obj=None):
        fields = [
            *super().get_readonly_fields(request, obj),
            *AUDIT_FIELDS,
            *readonly_for_role(request.user, self.model),
            "translation_state",
        ]
        return list(dict.fromkeys(fields))

    def get_changeform_initial_data(self, request):
        """Initial values from the add page's query string, as the form's fields expect them.

        Django passes them on as text, which a date-and-time widget cannot show; a value that is
        not valid for its field (`?published_at=abc`) is dropped, as if it had not been given.
        """
        initial = {}
        for name, value in super().get_changeform_initial_data(request).items():
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if field.many_to_many or field.one_to_many:
                initial[name] = value
                continue
            try:
                value = field.to_python(value)
            except (ValidationError, ValueError, TypeError):
                continue
            if isinstance(value, datetime.datetime) and timezone.is_naive(value):
                value = timezone.make_aware(value)
            initial[name] = value
        return initial

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return without_readonly(super().get_prepopulated_fields(request, obj), readonly)

    def get_fieldsets(self, request, obj=None):
        fieldsets = with_audit_fieldset(super().get_fieldsets(request, obj), obj)
        if obj is None:
            return fieldsets
        return [(_("Translation status"), {"fields": ("translation_state", "opened_version")}), *fieldsets]

    def save_model(self, request, obj, form, change):
        if change:
            keep_stored_values(obj, set(self.get_readonly_fields(request, obj)))
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)
        tell_slug_changes(self, request, form, obj)

    def save_related(self, request, form, formsets, change):
        """The rows saved with the item (a project's results) count as its source text: an English
        change of a row leaves the item's other languages outdated (`record_row_sources`)."""
        obj = form.instance
        before = rows_snapshot(obj)
        super().save_related(request, form, formsets, change)
        if before and record_row_sources(obj, before):
            type(obj)._default_manager.filter(pk=obj.pk).update(translation_sources=obj.translation_sources)

    def save_formset(self, request, form, formset, change):
        stamp_changed_rows(formset, request.user)
        super().save_formset(request, form, formset, change)

    def get_view_on_site_url(self, obj=None):
        """The item's public page in the admin's language if it has one, else in a language it has."""
        if obj is None or not hasattr(obj, "get_absolute_url"):
            return None
        languages = obj.available_languages()
        if not languages:
            return None
        current = translation.get_language()
        return url_in_language(obj, current if current in languages else languages[0])


class PublishableContentAdmin(WorkflowAdminMixin, TranslatedContentAdmin):
    """Content with a status and a publication time, its drafts and hand-off (`workflow`), and the
    Publisher's list actions."""

    actions = ("publish_now", "unpublish", *TranslatedContentAdmin.actions)

    def has_publish_permission(self, request):
        return may_publish(request.user, self.model)

    @admin.action(description=_("Publish the selected items now"), permissions=["publish"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        for obj in queryset:
            # A draft of a live item goes live with it (core.workflow), and the step is recorded.
            workflow.publish(obj, request.user, when=min(obj.published_at, now))
            self.log_change(request, obj, str(_("Published.")))
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
