"""Revisions in the admin: the history view's list of changes, and who may restore a revision."""

import dataclasses
import datetime

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import formats, timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .roles import may_write_source


class RevisionChanges(HistoricalRecordContextHelper):
    """The changes the history view lists: times in Prague time, bookkeeping columns left out."""

    bookkeeping = ("updated", "translation_sources")

    def context_for_delta_changes(self, delta):
        hidden = (*self.bookkeeping, *getattr(self.model, "derived_fields", ()))
        changes = [change for change in delta.changes if self.base_name(change.field) not in hidden]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=changes))

    def base_name(self, name):
        """ "search_text_cs" -> "search_text": a language column's translated field."""
        field = self.model._meta.get_field(name)
        return getattr(field, "translated_field", field).name

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, datetime.datetime):
            return formats.localize(timezone.localtime(value))
        return super().prepare_delta_change_value(change, value)


class RevisionsAdmin(SimpleHistoryAdmin):
    """simple-history's history view and restore form, with the site's list of changes."""

    object_history_template = "admin/revision_history.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a revision rewrites the source language, so it is for roles that may write it."""
        if not may_write_source(request.user, self.model):
            raise PermissionDenied
        if not str(version_id).isdigit():
            raise Http404("No such revision.")
        return super().history_form_view(request, object_id, version_id, extra_context)
