"""The publishing workflow: drafts of live items, review and hand-off, and the state people read.

An item that was never published is its own draft. Once published (live, or scheduled), a save
by an Editor or Translator, a Publisher's "Save draft" and every revision restore keep the edited
state in a `Draft` (`core.item_state`) and leave the public version as it was; "Publish" makes
it live, now or, for a Publisher, at a chosen time: a live item's draft scheduled so is published
by the first request after its time (`publish_due`, called by `ScheduledDraftsMiddleware`), with
no cron. Review is a stage of the same row: submitted with a comment, sent back with a comment,
or published. Every step is a `WorkflowEvent` and an e-mail sent after commit (`notifications`).
"""

import contextlib
import logging

from django.contrib.contenttypes.models import ContentType
from django.db import InterfaceError, OperationalError, connections, router, transaction
from django.db.models import Exists, OuterRef, Q, TextChoices
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import item_state, notifications
from .models import Draft, Stage, Status, WorkflowEvent, published_condition
from .public_cache import content_changed

logger = logging.getLogger(__name__)


class ItemState(TextChoices):
    """The one status shown everywhere: list column, list filter, form and admin home."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    LIVE = "live", _("Live")
    LIVE_DRAFT = "live_draft", _("Live with a newer draft")


class WorkflowError(Exception):
    """A step that cannot be taken now, with a message for the person who asked for it."""


def drafts_of(model):
    return Draft.objects.filter(content_type=ContentType.objects.get_for_model(model))


def draft_of(obj, lock=False):
    drafts = drafts_of(type(obj)).filter(object_id=obj.pk)
    if lock and transaction.get_connection(router.db_for_write(Draft)).in_atomic_block:
        drafts = drafts.select_for_update(of=("self",))
    return drafts.select_related("saved_by", "submitted_by").first()


def events_of(obj):
    ct = ContentType.objects.get_for_model(type(obj))
    return WorkflowEvent.objects.filter(content_type=ct, object_id=obj.pk).select_related("user")


def state_of(obj, draft=None):
    """The item's ItemState; `draft` is its Draft if already read (or None if it has none)."""
    if obj.status != Status.PUBLISHED:
        return ItemState.REVIEW if draft is not None and draft.stage == Stage.REVIEW else ItemState.DRAFT
    if obj.published_at > timezone.now():
        return ItemState.SCHEDULED
    if draft is not None and getattr(draft, "publish_at", None) is not None:
        return ItemState.SCHEDULED
    if draft is not None and draft.state is not None:
        return ItemState.LIVE_DRAFT
    return ItemState.LIVE


def state_label(obj, draft=None):
    """ "Scheduled for 24. 12. 2026 10:00 (Europe/Prague)", "Live with a newer draft (in review)"…"""
    state = state_of(obj, draft)
    if state == ItemState.SCHEDULED and obj.published_at <= timezone.now():
        label = _("Live with a newer draft scheduled for %(time)s (%(zone)s)") % {
            "time": formats.localize(timezone.localtime(draft.publish_at)),
            "zone": timezone.get_current_timezone_name(),
        }
    elif state == ItemState.SCHEDULED:
        label = _("Scheduled for %(time)s (%(zone)s)") % {
            "time": formats.localize(timezone.localtime(obj.published_at)),
            "zone": timezone.get_current_timezone_name(),
        }
    else:
        label = str(state.label)
    if draft is not None and state == ItemState.LIVE_DRAFT and draft.stage == Stage.REVIEW:
        label = _("Live with a newer draft in review")
    elif draft is not None and state == ItemState.SCHEDULED and draft.stage == Stage.REVIEW:
        label = _("%(state)s (newer draft in review)") % {"state": label}
    elif draft is not None and draft.stage == Stage.RETURNED:
        label = _("%(state)s (sent back)") % {"state": label}
    return label


MINE = "mine"


def in_state(queryset, state, user=None):
    """The items of `queryset` in ItemState `state` (the list filter's `?state=`); with MINE, the
    drafts `user` last saved that are not in review (sent back ones included)."""
    drafts = drafts_of(queryset.model).filter(object_id=OuterRef("pk"))
    reviewed = Exists(drafts.filter(stage=Stage.REVIEW))
    timed = Exists(drafts.filter(publish_at__isnull=False))
    live = published_condition()
    if state == MINE:
        own_draft = Exists(drafts.filter(saved_by=user).exclude(stage=Stage.REVIEW))
        own_item = Q(updated_by=user) & ~Q(status=Status.PUBLISHED) & ~Q(reviewed)
        return queryset.filter(own_draft | own_item)
    if state == ItemState.DRAFT:
        return queryset.exclude(status=Status.PUBLISHED).exclude(reviewed)
    if state == ItemState.REVIEW:
        return queryset.filter(reviewed)
    if state == ItemState.SCHEDULED:
        return queryset.filter(Q(status=Status.PUBLISHED, published_at__gt=timezone.now()) | (live & Q(timed)))
    if state == ItemState.LIVE:
        return queryset.filter(live).exclude(Exists(drafts.filter(state__isnull=False)))
    if state == ItemState.LIVE_DRAFT:
        return queryset.filter(live & Q(Exists(drafts.filter(state__isnull=False)))).exclude(timed)
    return queryset


def keeps_drafts(obj):
    """Whether a save of `obj` must leave its public version alone: it is published (live or scheduled)."""
    return obj.pk is not None and type(obj)._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists()


def record(obj, action, user, comment=""):
    ct = ContentType.objects.get_for_model(type(obj))
    return WorkflowEvent.objects.create(
        content_type=ct, object_id=obj.pk, action=action, user=user, comment=comment or ""
    )


def save_draft(obj, state, user, action=WorkflowEvent.Action.DRAFT_SAVED, publisher=False):
    """Keep `state` as the item's draft (replacing an older one); a draft that was sent back or in
    review becomes a plain draft again only through submit/return.

    A scheduled draft changed by someone who may not publish loses its time and goes back to
    review: what goes live unattended is only ever what a Publisher scheduled (or changed since).
    Returns the Draft; its `unscheduled` is true when that happened."""
    ct = ContentType.objects.get_for_model(type(obj))
    draft, _created = Draft.objects.update_or_create(
        content_type=ct,
        object_id=obj.pk,
        defaults={"state": state, "saved": timezone.now(), "saved_by": user},
    )
    record(obj, action, user)
    draft.unscheduled = draft.publish_at is not None and not publisher
    if draft.unscheduled:
        draft.publish_at, draft.stage, draft.submitted_by, draft.comment = None, Stage.REVIEW, user, ""
        draft.save(update_fields=["publish_at", "stage", "submitted_by", "comment"])
        record(obj, WorkflowEvent.Action.SUBMITTED, user, UNSCHEDULED_NOTE)
        notifications.submitted(obj, user, str(UNSCHEDULED_NOTE))
    return draft


UNSCHEDULED_NOTE = _("The scheduled draft was changed, so its scheduled publication was cancelled.")


def touch(obj, user):
    """The never-published item itself was saved: its review row, if any, says who and when."""
    draft = draft_of(obj)
    if draft is not None:
        draft.saved, draft.saved_by = timezone.now(), user
        draft.save(update_fields=["saved", "saved_by"])


def submit(obj, user, comment):
    """Hand the item's draft (or the never-published item) to the Publishers."""
    if obj.status == Status.PUBLISHED and draft_of(obj) is None:
        raise WorkflowError(_("There is no draft to submit: the live version is the latest."))
    ct = ContentType.objects.get_for_model(type(obj))
    draft, _created = Draft.objects.get_or_create(
        content_type=ct, object_id=obj.pk, defaults={"saved": timezone.now(), "saved_by": user}
    )
    draft.stage, draft.submitted_by, draft.comment = Stage.REVIEW, user, comment
    draft.save()
    record(obj, WorkflowEvent.Action.SUBMITTED, user, comment)
    notifications.submitted(obj, user, comment)


def send_back(obj, user, comment):
    draft = draft_of(obj, lock=True)
    if draft is None or draft.stage != Stage.REVIEW:
        raise WorkflowError(_("This item is not awaiting publication."))
    if not comment.strip():
        raise WorkflowError(_("Say what needs to change: a comment is required when sending back."))
    draft.stage, draft.comment = Stage.RETURNED, comment
    draft.save()
    record(obj, WorkflowEvent.Action.RETURNED, user, comment)
    notifications.returned(obj, user, comment, draft.submitted_by or draft.saved_by)


def publish(obj, user, when=None, comment=""):
    """Make the item's draft live: at once, or at `when`.

    A live item keeps its publication time (a corrected press release keeps its date); its
    draft goes live now, or is kept with `when` as its `publish_at` for `publish_due` to publish
    then. Returns the WorkflowEvent.
    """
    now = timezone.now()
    model = type(obj)
    using = router.db_for_write(model)
    with transaction.atomic(using=using):
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        draft = draft_of(obj, lock=True)
        live = obj.status == Status.PUBLISHED and obj.published_at <= now
        if live and when is not None and when > now:
            if draft is None or draft.state is None:
                raise WorkflowError(_("There is no draft to schedule: the live version is the latest."))
            draft.publish_at, draft.stage, draft.comment = when, Stage.DRAFT, ""
            draft.save(update_fields=["publish_at", "stage", "comment"])
            # Pages served until then (and the CDN's copies) must expire at the draft's time.
            content_changed(using)
            event = record(obj, WorkflowEvent.Action.SCHEDULED, user, comment)
            notifications.published(obj, user, event, draft.submitted_by or draft.saved_by, when=when)
            return event
        return _publish_locked(obj, draft, user, when, comment, now)


def _publish_locked(obj, draft, user, when, comment, now, action=None):
    """`publish` with the item's row and its draft's row locked by the caller."""
    live = obj.status == Status.PUBLISHED and obj.published_at <= now
    if not live:
        obj.status = Status.PUBLISHED
        obj.published_at = when or now
    if draft is not None and draft.state is not None:
        item_state.apply(obj, draft.state, user)
    else:
        obj.updated_by = user
        obj._history_user = user
        obj.save()
    author = draft and (draft.submitted_by or draft.saved_by)
    if draft is not None:
        draft.delete()
    if action is None:
        action = WorkflowEvent.Action.SCHEDULED if obj.published_at > now else WorkflowEvent.Action.PUBLISHED
    event = record(obj, action, user, comment)
    notifications.published(obj, user, event, author)
    return event


def publish_due(now=None, using="default"):
    """Publish every scheduled draft whose time has come, each in its own transaction, through the
    same steps as "Publish now". Returns how many were published.

    The item's row is locked before its draft's, as `publish` does; on PostgreSQL rows another
    request holds are skipped (that request is publishing them), so each draft is applied once.
    """
    now = now or timezone.now()
    due = list(Draft.objects.using(using).filter(publish_at__lte=now).values_list("pk", "content_type_id", "object_id"))
    skip = {"skip_locked": True} if connections[using].features.has_select_for_update_skip_locked else {}
    published = 0
    for pk, content_type_id, object_id in due:
        model = ContentType.objects.db_manager(using).get_for_id(content_type_id).model_class()
        try:
            with transaction.atomic(using=using):
                obj = model._default_manager.using(using).select_for_update(**skip).filter(pk=object_id).first()
                if obj is None:
                    continue
                draft = Draft.objects.using(using).select_for_update(**skip).filter(pk=pk, publish_at__lte=now).first()
                if draft is None:
                    continue  # published, discarded or unscheduled meanwhile
                _publish_locked(obj, draft, None, None, "", now, action=WorkflowEvent.Action.PUBLISHED_ON_TIME)
                published += 1
        except (OperationalError, InterfaceError):
            raise
        except Exception:
            # A draft that cannot be applied must not break every request: it is logged, left
            # scheduled for a Publisher to see, and the others are published.
            logger.exception("The scheduled draft %s of %s %s could not be published.", pk, model, object_id)
    return published


def discard(obj, user):
    draft = draft_of(obj, lock=True)
    if draft is None or draft.state is None:
        raise WorkflowError(_("There is no draft to discard."))
    draft.delete()
    record(obj, WorkflowEvent.Action.DISCARDED, user)


@contextlib.contextmanager
def draft_applied(obj):
    """Within: the database holds `obj`'s draft (if it has one), in a transaction rolled back on
    leaving, so nothing of it is ever committed (for previews and forms opened on the draft).
    Yields the Draft or None."""
    using = router.db_for_write(type(obj))
    with transaction.atomic(using=using):
        savepoint = transaction.savepoint(using=using)
        try:
            draft = draft_of(obj)
            if draft is not None and draft.state is not None:
                item_state.apply(type(obj)._default_manager.get(pk=obj.pk), draft.state)
            yield draft
        finally:
            transaction.savepoint_rollback(savepoint, using=using)


def forget(sender, instance, using=None, **kwargs):
    """A deleted item takes its draft and its hand-off steps with it (they point at it by id only)."""
    from .models import Publishable

    if issubclass(sender, Publishable) and not hasattr(sender, "instance_type"):
        ct = ContentType.objects.db_manager(using).get_for_model(sender)
        Draft.objects.using(using).filter(content_type=ct, object_id=instance.pk).delete()
        WorkflowEvent.objects.using(using).filter(content_type=ct, object_id=instance.pk).delete()


def connect_signals():
    from django.db.models.signals import post_delete

    post_delete.connect(forget, dispatch_uid="core.workflow.forget")
