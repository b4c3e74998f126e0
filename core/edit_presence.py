"""Who has an item open for editing: the admin's soft lock.

A change form that is open for editing records its user's presence on the item and renews it with
a heartbeat; a presence not renewed for `EXPIRES_AFTER` has ended (a closed laptop, a lost
connection). Another person who opens the item sees who holds it and may take it over. Nothing
here refuses a save: that stays the job of the edit-conflict guard (`core.admin.conflicts`).
"""

import datetime
import uuid

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from .models import EditPresence

HEARTBEAT_SECONDS = 30
EXPIRES_AFTER = datetime.timedelta(minutes=2)


def releases_on_leaving():
    """Whether a form ends its presence when its page is left (the test settings turn it off: see there)."""
    return getattr(settings, "EDIT_PRESENCE_RELEASE_ON_LEAVING", True)


def presences(obj):
    """The rows of an item's presence."""
    content_type = ContentType.objects.get_for_model(obj)
    return EditPresence.objects.filter(content_type=content_type, object_id=str(obj.pk))


def current(rows):
    """The presences among `rows` that have not ended."""
    return rows.filter(last_seen__gte=timezone.now() - EXPIRES_AFTER)


def holders(obj, user):
    """The other people who have the item open for editing now, first opened first."""
    rows = current(presences(obj)).filter(taken_over_by__isnull=True).exclude(user=user)
    return list(rows.select_related("user").order_by("started"))


def editor_of(model, user):
    """An expression for a queryset of `model`: who else (a user's id) has the row open for editing now."""
    rows = current(EditPresence.objects.filter(content_type=ContentType.objects.get_for_model(model)))
    rows = rows.filter(object_id=Cast(models.OuterRef("pk"), models.CharField()), taken_over_by__isnull=True)
    return models.Subquery(rows.exclude(user=user).order_by("started").values("user")[:1])


def hold(obj, user, page=""):
    """`user` has the item open for editing from now, on `page` (a new one when not given): a new
    presence, or the current one renewed."""
    now = timezone.now()
    page = page or uuid.uuid4().hex
    EditPresence.objects.filter(last_seen__lt=now - EXPIRES_AFTER).delete()
    content_type = ContentType.objects.get_for_model(obj)
    with transaction.atomic():
        presence, created = EditPresence.objects.select_for_update().get_or_create(
            content_type=content_type,
            object_id=str(obj.pk),
            user=user,
            defaults={"started": now, "last_seen": now, "page": page},
        )
        if not created:
            if presence.taken_over_by_id is not None or presence.last_seen < now - EXPIRES_AFTER:
                presence.started = now
            presence.last_seen, presence.page = now, page
            presence.taken_over_by = presence.taken_over_at = None
            presence.save()
    return presence


def renew(obj, user, page=""):
    """A heartbeat from `page`: the presence goes on unless it was taken over (then it is left as it is).

    Returns the presence, or None when it had ended and someone else holds the item now.
    """
    with transaction.atomic():
        presence = current(presences(obj)).select_for_update().filter(user=user).first()
        if presence is not None and presence.taken_over_by_id is not None:
            return presence
        if presence is None and holders(obj, user):
            return None
        return hold(obj, user, page)


def take_over(obj, user):
    """`user` takes the item over from whoever holds it: they learn it on their next heartbeat."""
    with transaction.atomic():
        current(presences(obj)).filter(taken_over_by__isnull=True).exclude(user=user).update(
            taken_over_by=user, taken_over_at=timezone.now()
        )
        return hold(obj, user)


def release(obj, user, page=None):
    """`user` saved the item, or left `page`: the presence ends, unless a later page of theirs
    (the same form reloaded, or saved and opened again) holds it now."""
    rows = presences(obj).filter(user=user)
    if page is not None:
        rows = rows.filter(page=page)
    rows.delete()


def display_name(user):
    return user.get_full_name() or user.get_username()
