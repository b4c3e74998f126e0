"""Revisions in the admin: the history view's list of changes, and who may restore a revision."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from .compare import revision_columns
from .roles import may_write_source


class RevisionChanges(HistoricalRecordContextHelper):
    """The changes the history view lists: one entry per field and language ("Body — Czech"), the text as
    a reader sees it with the words inserted and removed marked; bookkeeping columns left out."""

    def context_for_delta_changes(self, delta):
        changed = {change.field: change for change in delta.changes}
        return [
            {
                "field": column.label,
                "diff": column.diff(changed[column.name].old, changed[column.name].new),
                "rich": column.rich,
            }
            for column in revision_columns(self.model)
            if column.name in changed and column.text(changed[column.name].old) != column.text(changed[column.name].new)
        ]


class RevisionsAdmin(SimpleHistoryAdmin):
    """simple-history's history view and restore form, with the site's list of changes."""

    object_history_template = "admin/revision_history.html"
    object_history_list_template = "admin/revision_history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return RevisionChanges(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Restoring a revision rewrites the source language, so it is for roles that may write it."""
        if not may_write_source(request.user, self.model):
            raise PermissionDenied
        if not str(version_id).isdigit():
            raise Http404("No such revision.")
        return super().history_form_view(request, object_id, version_id, extra_context)
