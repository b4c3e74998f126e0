"""The guard against overwriting another's save (optimistic locking) in the admin's change form."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def saved_version(model, pk):
    """When the item was last saved, and by whom, as stored now: (timestamp text, user or None)."""
    row = model._default_manager.filter(pk=pk).values_list("updated", "updated_by__username").first()
    return (row[0].isoformat(), row[1]) if row else ("", None)


class EditConflictForm(forms.ModelForm):
    """Refuses a save when someone else saved the item after this form was opened.

    The form carries the item's last-saved time as it was when the form was opened. On a refusal the
    form keeps everything typed and takes the new time, so that a second save, made knowingly, wins.
    """

    opened_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = saved_version(type(self.instance), self.instance.pk)[0]

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
