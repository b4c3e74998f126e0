"""Who created and last changed an item: filled from the signed-in user and shown read-only."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

AUDIT_FIELDS = ("created", "created_by", "updated", "updated_by")


def stamp(obj, user):
    """Who created and last changed an item, on the item and on the revision its save makes."""
    if obj._state.adding:
        obj.created_by = user
    obj.updated_by = user
    obj._history_user = user


def with_audit_fieldset(fieldsets, obj):
    """The fieldsets without the audit fields, and for an existing item one collapsed fieldset holding them."""
    fieldsets = [
        (name, {**options, "fields": [f for f in options["fields"] if f not in AUDIT_FIELDS]})
        for name, options in fieldsets
    ]
    if obj is None:
        return fieldsets
    audit = {
        "fields": AUDIT_FIELDS,
        "classes": ("collapse",),
        "description": _("Times are in the time zone %(zone)s.") % {"zone": timezone.get_current_timezone_name()},
    }
    return [*fieldsets, (_("Created and changed"), audit)]


def stamp_changed_rows(formset, user):
    """Stamp the inline rows that record who changed them and that this save changes."""
    for inline_form in formset.forms:
        if inline_form.has_changed() and hasattr(inline_form.instance, "updated_by_id"):
            stamp(inline_form.instance, user)
