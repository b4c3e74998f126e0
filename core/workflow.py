"""The publishing workflow: drafts of live items, review and hand-off, and the state people read.

An item that was never published is its own draft. Once published (live, or scheduled), a save
by an Editor or Translator, a Publisher's "Save draft" and every revision restore keep the edited
state in a `Draft` (`core.item_state`) and leave the public version as it was; "Publish" makes
it live. Review is a stage of the same row: submitted with a comment, sent back with a comment,
or published. Every step is a `WorkflowEvent` and an e-mail sent after commit (`notifications`).
"""

import contextlib

from django.contrib.contenttypes.models import ContentType
from django.db import router, transaction
from django.db.models import Exists, OuterRef, Q, TextChoices
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from . import item_state, notifications
from .models import Draft, Stage, Status, WorkflowEvent, published_condition


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
    if draft is not None and draft.state is not None:
        return ItemState.LIVE_DRAFT
    return ItemState.LIVE


def state_label(obj, draft=None):
    """ "Scheduled for 24. 12. 2026 10:00 (Europe/Prague)", "Live with a newer draft (in review)"…"""
    state = state_of(obj, draft)
    if state == ItemState.SCHEDULED:
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
        return queryset.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())
    if state == ItemState.LIVE:
        return queryset.filter(live).exclude(Exists(drafts.filter(state__isnull=False)))
    if state == ItemState.LIVE_DRAFT:
        return queryset.filter(live & Q(Exists(drafts.filter(state__isnull=False))))
    return queryset


def keeps_drafts(obj):
    """Whether a save of `obj` must leave its public version alone: it is published (live or scheduled)."""
    return obj.pk is not None and type(obj)._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists()


def record(obj, action, user, comment=""):
    ct = ContentType.objects.get_for_model(type(obj))
    return WorkflowEvent.objects.create(
        content_type=ct, object_id=obj.pk, action=action, user=user, comment=comment or ""
    )


def save_draft(obj, state, user, action=WorkflowEvent.Action.DRAFT_SAVED):
    """Keep `state` as the item's draft (replacing an older one); a draft that was sent back or in
    review becomes a plain draft again only through submit/return."""
    ct = ContentType.objects.get_for_model(type(obj))
    draft, _created = Draft.objects.update_or_create(
        content_type=ct,
        object_id=obj.pk,
        defaults={"state": state, "saved": timezone.now(), "saved_by": user},
    )
    record(obj, action, user)
    return draft


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
    """Make the item's draft live: at once, or at `when` for an item that is not live yet.

    A live item keeps its publication time (a corrected press release keeps its date); its
    draft goes live now. Returns the WorkflowEvent.
    """
    now = timezone.now()
    model = type(obj)
    with transaction.atomic(using=router.db_for_write(model)):
        obj = model._default_manager.select_for_update().get(pk=obj.pk)
        draft = draft_of(obj, lock=True)
        live = obj.status == Status.PUBLISHED and obj.published_at <= now
        if live and when is not None and when > now:
            raise WorkflowError(
                _("This item is live: its draft can only be published now. Unpublish it first to schedule it.")
            )
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
        action = WorkflowEvent.Action.SCHEDULED if obj.published_at > now else WorkflowEvent.Action.PUBLISHED
        event = record(obj, action, user, comment)
        notifications.published(obj, user, event, author)
    return event


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
