"""The guard against overwriting another's save (optimistic locking) in the admin's change form."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import router, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def saved_version(model, pk, lock=False):
    """When the item was last saved, and by whom, as stored now: (timestamp text, user or None).

    With `lock`, inside a transaction, the item's row stays locked until that transaction ends, so
    that no other save can come between this check and the write that follows it (on SQLite the
    transaction itself holds the database's write lock from its start: see transaction_mode).
    """
    rows = model._default_manager.filter(pk=pk)
    if lock and transaction.get_connection(router.db_for_write(model)).in_atomic_block:
        rows = rows.select_for_update(of=("self",))
    row = rows.values_list("updated", "updated_by__username").first()
    if row is None:
        return ("", None)
    # An item with a draft (core.workflow) is edited as its draft: the draft's save is the version.
    draft = draft_version(model, pk)
    return (draft[0].isoformat(), draft[1]) if draft else (row[0].isoformat(), row[1])


def draft_version(model, pk):
    """When the item's draft was last saved, and by whom, or None if it has none."""
    from django.contrib.contenttypes.models import ContentType

    from core.models import Draft, Publishable

    if not issubclass(model, Publishable):
        return None
    drafts = Draft.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=pk)
    return drafts.filter(state__isnull=False).values_list("saved", "saved_by__username").first()


class EditConflictForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened.

    The form carries the item's last-saved time as it was when the form was opened. On a refusal the
    form keeps everything typed and takes the new time, so that a second save, made knowingly, wins.
    The admin validates and saves in one transaction, and the check locks the item's row: of two
    saves that arrive together, the second waits for the first to commit, then sees its time and is
    refused. A form that comes back without the time is refused too: it cannot show it is current.
    """

    opened_version = forms.CharField(label=_("version opened"), widget=forms.HiddenInput, required=False)
    # A preview of the form (core.admin.preview) saves nothing, so it has nothing to overwrite.
    check_conflicts = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = saved_version(type(self.instance), self.instance.pk)[0]

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is None or not self.check_conflicts:
            return cleaned_data
        opened = cleaned_data.get("opened_version")
        version, user = saved_version(type(self.instance), self.instance.pk, lock=True)
        if version == opened:
            return cleaned_data
        data = self.data.copy()
        data[self.add_prefix("opened_version")] = version
        self.data = data
        if not version:
            raise ValidationError(_("Someone else deleted this item after you opened it."), code="edit_conflict")
        if not opened:
            raise ValidationError(
                _(
                    "This form did not say which version of the item it was opened on, so saving it could "
                    "overwrite someone else's changes. Your changes were not saved; they are still in the "
                    "form below: check the item's history, then save again."
                ),
                code="edit_conflict",
            )
        saved_at = timezone.localtime(datetime.datetime.fromisoformat(version))
        raise ValidationError(
            _(
                "%(user)s saved this item at %(time)s (time zone %(zone)s), after you opened it, so your "
                "changes were not saved. They are still in the form below: compare them with the item's "
                "history, then save again to replace that version."
            ),
            code="edit_conflict",
            params={
                "user": user or _("Someone else"),
                "time": saved_at.strftime("%Y-%m-%d %H:%M:%S"),
                "zone": timezone.get_current_timezone_name(),
            },
        )
