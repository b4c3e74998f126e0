"""The publishing workflow in the admin: saves of a published item kept as drafts, restores as
drafts, the state column and filter, the hand-off panel (submit, publish, schedule, send back,
discard) on the change page and the hand-off steps on the history page.

A save of a published item runs the admin's own save, rows and relations included, inside a
savepoint: the saved state is captured (`core.item_state.capture`), the savepoint is rolled back,
and the state is kept as the item's draft. The public version is never written. A form opened on
an item with a draft shows the draft, applied the same way and rolled back once the page is
rendered. The item's row is locked first, so that the check of `conflicts` and the draft's write
belong to one transaction.
"""

import datetime
from types import SimpleNamespace

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core import item_state, workflow
from core.i18n import url_in_language
from core.models import Stage, Status, WorkflowEvent

from .roles import PUBLICATION_FIELDS, may_publish, may_write_source

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
SAVE_DRAFT = "_save_draft"


class DateTimePicker(forms.DateTimeInput):
    """The browser's own date-and-time picker, in the editor's time zone (named in the help text)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


class ItemStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*workflow.ItemState.choices, (workflow.MINE, _("My drafts"))]

    def queryset(self, request, queryset):
        if self.value() in [*workflow.ItemState.values, workflow.MINE]:
            return workflow.in_state(queryset, self.value(), user=request.user)
        return queryset


class WorkflowRequest:
    """What one admin request of the workflow notes as the admin's save goes on."""

    def __init__(self, draft_mode, restoring=None):
        self.draft_mode = draft_mode
        self.restoring = restoring
        self.saved = None
        self.unscheduled = False


def workflow_of(request):
    return getattr(request, "_workflow", None)


def rows_at(revision, obj):
    """The item's inline rows as they were at `revision` (from the rows' own revisions)."""
    rows = {}
    for name in item_state.draft_rows(type(obj)):
        row_model, parent = item_state.row_relation(type(obj), name)
        fields = item_state.state_fields(row_model, kept_out={parent.name})
        history = row_model.history.filter(**{parent.attname: obj.pk, "history_date__lte": revision.history_date})
        latest = {}
        for record in history.order_by("history_date", "history_id"):
            latest[record.id] = record
        rows[name] = [
            {"id": record.id, **item_state.read_fields(record, fields)}
            for record in sorted(latest.values(), key=lambda record: record.id)
            if record.history_type != "-"
        ]
    return rows


def relations_at(revision, obj, current):
    """The item's many-to-many relations as they were at `revision`, where revisions keep them.

    Revisions made before relations were recorded hold none: when no revision of the item up to
    this one holds any of a relation, the current ones are kept rather than emptied."""
    relations = dict(current)
    for field in getattr(type(revision), "_history_m2m_fields", ()):
        if field.name not in relations:
            continue
        snapshot = getattr(revision, field.name).model
        target = field.m2m_reverse_field_name()
        rows = snapshot.objects.filter(history=revision)
        recorded = snapshot.objects.filter(
            history__id=obj.pk, history__history_date__lte=revision.history_date
        ).exists()
        if recorded:
            relations[field.name] = sorted(rows.values_list(f"{target}_id", flat=True))
    return relations


class WorkflowAdminMixin:
    """Put before the content admin base class of publishable models."""

    change_form_template = "admin/workflow/change_form.html"
    object_history_form_template = "admin/workflow/restore_form.html"

    # The list: one state column and filter.
    def get_queryset(self, request):
        """Each item with its draft's stage and whether the draft holds a newer version, read in
        the list's own query (the admin is shared by every request: nothing is kept on it)."""
        drafts = workflow.drafts_of(self.model).filter(object_id=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(
                draft_stage=Subquery(drafts.values("stage")[:1]),
                draft_newer=Exists(drafts.filter(state__isnull=False)),
                draft_publish_at=Subquery(drafts.values("publish_at")[:1]),
            )
        )

    @admin.display(description=_("state"))
    def item_state(self, obj):
        draft = None
        if getattr(obj, "draft_stage", None) is not None:
            draft = SimpleNamespace(
                stage=obj.draft_stage, state={} if obj.draft_newer else None, publish_at=obj.draft_publish_at
            )
        return workflow.state_label(obj, draft)

    def get_list_display(self, request):
        shown = [name for name in super().get_list_display(request) if name != "status"]
        return (*shown[:1], "item_state", *shown[1:])

    def get_list_filter(self, request):
        return (ItemStateFilter, *(f for f in super().get_list_filter(request) if f != "status"))

    # The form: one date-and-time picker in the editor's time zone.
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "published_at":
            kwargs["widget"] = DateTimePicker
            kwargs["form_class"] = forms.DateTimeField
            kwargs["input_formats"] = [DATETIME_FORMAT, "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M"]
            kwargs["help_text"] = _(
                "Date and time in %(zone)s. A published item dated in the future goes live by itself at that time."
            ) % {"zone": timezone.get_current_timezone_name()}
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        state = workflow_of(request)
        if state is not None and state.restoring is not None:
            fields += [name for name in PUBLICATION_FIELDS if name not in fields]
        return fields

    def get_inline_instances(self, request, obj=None):
        """While the item is published, only the rows a draft holds are edited with it (a programme's
        projects are edited on their own pages then)."""
        inlines = super().get_inline_instances(request, obj)
        if obj is None or obj.status != Status.PUBLISHED:
            return inlines
        kept = {item_state.row_relation(self.model, name)[0] for name in item_state.draft_rows(self.model)}
        return [inline for inline in inlines if inline.model in kept]

    # Saving: a published item's save becomes a draft.
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is None:
            return super().changeform_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is None or (request.method != "POST" and workflow.draft_of(obj) is None):
            return super().changeform_view(request, object_id, form_url, extra_context)
        draft_mode = workflow.keeps_drafts(obj) and (
            not may_publish(request.user, self.model) or SAVE_DRAFT in request.POST
        )
        request._workflow = WorkflowRequest(draft_mode)
        return self._in_savepoint(
            request,
            obj,
            lambda: super(WorkflowAdminMixin, self).changeform_view(request, object_id, form_url, extra_context),
        )

    def _in_savepoint(self, request, obj, view, apply_draft=True):
        state = workflow_of(request)
        using = router.db_for_write(self.model)
        with transaction.atomic(using=using):
            # The row lock comes before the savepoint: rolling the savepoint back keeps it.
            self.model._default_manager.select_for_update().filter(pk=obj.pk).first()
            savepoint = transaction.savepoint(using=using)
            draft = workflow.draft_of(obj)
            if apply_draft and draft is not None and draft.state is not None:
                item_state.apply(self.model._default_manager.get(pk=obj.pk), draft.state)
            response = view()
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            saved = state.saved
            if saved is None or state.draft_mode:
                captured = saved is not None and self._captured(request, saved)
                transaction.savepoint_rollback(savepoint, using=using)
                if saved is not None:
                    self._keep(request, saved, captured)
                    if state.unscheduled:
                        self.message_user(
                            request,
                            _(
                                "Its scheduled publication was cancelled and the draft is back in review: "
                                "a Publisher must publish or schedule it again."
                            ),
                            messages.WARNING,
                        )
                return response
            transaction.savepoint_commit(savepoint, using=using)
            if draft is not None and draft.state is not None:
                # The save was made on the draft: the draft is now the item.
                fresh = self.model._default_manager.get(pk=obj.pk)
                draft.delete()
                if fresh.status == Status.PUBLISHED:
                    event = workflow.record(fresh, WorkflowEvent.Action.PUBLISHED, request.user)
                    author = draft.submitted_by or draft.saved_by
                    workflow.notifications.published(fresh, request.user, event, author)
                else:
                    workflow.record(fresh, WorkflowEvent.Action.DRAFT_SAVED, request.user)
        return response

    def _captured(self, request, saved):
        fresh = self.model._default_manager.get(pk=saved.pk)
        state = item_state.capture(fresh)
        revision = workflow_of(request).restoring
        if revision is not None:
            state["rows"] = rows_at(revision, fresh)
            state["relations"] = relations_at(revision, fresh, state["relations"])
        return state

    def _keep(self, request, saved, state):
        restoring = workflow_of(request).restoring is not None
        action = WorkflowEvent.Action.RESTORED if restoring else WorkflowEvent.Action.DRAFT_SAVED
        if workflow.keeps_drafts(saved):
            publisher = may_publish(request.user, self.model)
            draft = workflow.save_draft(saved, state, request.user, action, publisher=publisher)
            workflow_of(request).unscheduled = draft.unscheduled
        else:
            # A never-published item is its own draft: the restore is written to it.
            item_state.apply(self.model._default_manager.get(pk=saved.pk), state, request.user)
            workflow.record(saved, action, request.user)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        state = workflow_of(request)
        if state is not None and state.restoring is not None:
            state.saved = obj

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        state = workflow_of(request)
        if state is not None:
            state.saved = form.instance

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        state = workflow_of(request)
        if state is not None and state.saved is not None and level == messages.SUCCESS:
            if state.restoring is not None:
                message = _(
                    "The revision was restored as a draft. Readers still see the live version until it is published."
                )
                if state.saved.status != Status.PUBLISHED:
                    message = _("The revision was restored. The item is still a draft.")
            elif state.draft_mode:
                message = _(
                    "Draft saved. Readers still see the live version; submit the draft for review or publish it."
                )

        return super().message_user(request, message, level, *args, **kwargs)

    def response_change(self, request, obj):
        state = workflow_of(request)
        if state is not None and state.draft_mode and state.restoring is None:
            self.message_user(request, "", messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    # Restoring a revision: a draft, never a live change.
    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not str(version_id).isdigit():
            raise Http404("No such revision.")
        revision = get_object_or_404(self.model.history, pk=version_id, id=object_id)
        obj = get_object_or_404(self.model, pk=object_id)
        request._workflow = WorkflowRequest(draft_mode=True, restoring=revision)
        context = {**(extra_context or {}), "restore": self.restore_summary(obj)}
        return self._in_savepoint(
            request,
            obj,
            lambda: super(WorkflowAdminMixin, self).history_form_view(request, object_id, version_id, context),
            apply_draft=False,
        )

    def restore_summary(self, obj):
        rows = [
            str(item_state.row_relation(self.model, name)[0]._meta.verbose_name_plural)
            for name in item_state.draft_rows(self.model)
        ]
        relations = [str(field.verbose_name) for field in self.model._meta.many_to_many if field.editable]
        return {"live": obj.status == Status.PUBLISHED, "rows": rows, "relations": relations}

    # The change page: the state, the draft and the hand-off.
    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None:
            context["workflow"] = self.workflow_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def workflow_context(self, request, obj):
        draft = workflow.draft_of(obj)
        live = type(obj)._default_manager.get(pk=obj.pk) if draft is None or draft.state is None else None
        publisher = may_publish(request.user, self.model)
        published = workflow.keeps_drafts(obj)
        has_draft = draft is not None and draft.state is not None
        languages = obj.available_languages()
        preview = [
            (code.upper(), url_in_language(obj, code) + ("?preview=draft" if has_draft else ""))
            for code in languages
            if hasattr(obj, "get_absolute_url")
        ]
        return {
            "state": workflow.state_label(obj, draft),
            "draft": draft,
            "has_draft": has_draft,
            "published": published,
            "live_since": obj.published_at if published else None,
            "live_updated": live.updated if live is not None else None,
            "publisher": publisher,
            "draft_mode": published and not publisher,
            "can_submit": (has_draft or not published) and (draft is None or draft.stage != Stage.REVIEW),
            "can_publish": publisher and (has_draft or obj.status != Status.PUBLISHED),
            "can_schedule": publisher and (obj.status != Status.PUBLISHED or has_draft),
            "publish_at": draft.publish_at if draft is not None else None,
            "can_send_back": publisher and draft is not None and draft.stage == Stage.REVIEW,
            "can_discard": has_draft and may_write_source(request.user, self.model),
            "action_url": reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_workflow", args=[obj.pk]),
            "preview": preview,
            "zone": timezone.get_current_timezone_name(),
            "events": workflow.events_of(obj)[:5],
        }

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        events = workflow.events_of(obj) if obj is not None else []
        return super().history_view(request, object_id, {**(extra_context or {}), "workflow_events": events})

    def get_urls(self):
        opts = self.model._meta
        step = path(
            "<path:object_id>/workflow/",
            self.admin_site.admin_view(self.workflow_view),
            name=f"{opts.app_label}_{opts.model_name}_workflow",
        )
        return [step, *super().get_urls()]

    def workflow_view(self, request, object_id):
        """One hand-off step, posted from the change page: submit, publish, send_back or discard."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        step = request.POST.get("step")
        comment = request.POST.get("comment", "").strip()
        publisher = may_publish(request.user, self.model)
        if step in ("publish", "send_back") and not publisher:
            raise PermissionDenied
        # Dropping a draft drops its English too, which only those who write English may do.
        if step == "discard" and not may_write_source(request.user, self.model):
            raise PermissionDenied
        try:
            with transaction.atomic(using=router.db_for_write(self.model)):
                if step == "submit":
                    workflow.submit(obj, request.user, comment)
                    done = _("Submitted for review. The Publishers have been told.")
                elif step == "publish":
                    event = workflow.publish(obj, request.user, self.publish_time(request), comment)
                    done = (
                        _("Published. Readers see it now.")
                        if event.action == WorkflowEvent.Action.PUBLISHED
                        else _("Scheduled. It goes live by itself at its publication time.")
                    )
                elif step == "send_back":
                    workflow.send_back(obj, request.user, comment)
                    done = _("Sent back to its author with your comment.")
                elif step == "discard":
                    workflow.discard(obj, request.user)
                    done = _("The draft was discarded. The live version is unchanged.")
                else:
                    raise workflow.WorkflowError(_("Unknown step."))
        except workflow.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.log_change(request, obj, str(done))
            self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(
            reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
        )

    def publish_time(self, request):
        """The chosen publication time (in the editor's time zone), or None for now."""
        value = request.POST.get("publish_at", "").strip()
        if not value:
            return None
        try:
            moment = datetime.datetime.strptime(value, DATETIME_FORMAT)
        except ValueError as error:
            raise workflow.WorkflowError(
                gettext("The publication time “%(value)s” is not a date and time.") % {"value": value}
            ) from error
        return timezone.make_aware(moment)
