"""The time zones an admin user may choose (`core.admin_preferences`), with their validator: kept apart
from the middleware so that `core.models` can name them without importing it."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/Prague"

# The zones offered, named by the main city their readers know; the office's own first.
TIME_ZONES = [
    ("Europe/Prague", _("Prague")),
    ("Europe/Kyiv", _("Kyiv")),
    ("Europe/London", _("London")),
    ("Europe/Lisbon", _("Lisbon")),
    ("Europe/Berlin", _("Berlin")),
    ("Europe/Vienna", _("Vienna")),
    ("Europe/Warsaw", _("Warsaw")),
    ("Europe/Bratislava", _("Bratislava")),
    ("Europe/Budapest", _("Budapest")),
    ("Europe/Brussels", _("Brussels")),
    ("Europe/Bucharest", _("Bucharest")),
    ("Europe/Chisinau", _("Chișinău")),
    ("Europe/Istanbul", _("Istanbul")),
    ("Europe/Moscow", _("Moscow")),
    ("UTC", _("Coordinated Universal Time")),
    ("America/New_York", _("New York")),
    ("America/Los_Angeles", _("Los Angeles")),
    ("Asia/Tbilisi", _("Tbilisi")),
    ("Asia/Dubai", _("Dubai")),
    ("Asia/Kolkata", _("New Delhi")),
    ("Asia/Bangkok", _("Bangkok")),
    ("Asia/Manila", _("Manila")),
    ("Asia/Tokyo", _("Tokyo")),
    ("Africa/Nairobi", _("Nairobi")),
]
TIME_ZONE_NAMES = frozenset(name for name, _label in TIME_ZONES)


def validate_admin_time_zone(value):
    if value not in TIME_ZONE_NAMES:
        raise ValidationError(
            _("“%(value)s” is not one of the time zones offered."), code="invalid_time_zone", params={"value": value}
        )
