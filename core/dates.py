"""Dates known only to a year, a month or a day, and the periods (start and end) made of them."""

import calendar
import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import dateformat, formats, translation
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


# Languages that write month names in lower case inside a date ("září 2020", "вересень 2020").
LOWERCASE_MONTHS = {"cs", "uk"}
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known only to a year, a month or a day ("until 2000", "since July 2022")."""

    date: datetime.date
    precision: str

    @classmethod
    def parse(cls, text):
        """'2000' -> year, '2022-07' -> month, '2023-12-19' -> day; ValueError otherwise."""
        match = PARTIAL_DATE_RE.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        if day and not month:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        date = datetime.date(int(year), int(month or 1), int(day or 1))
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        return cls(date, str(precision))

    @classmethod
    def of(cls, date, precision):
        return cls(date, precision or Precision.DAY) if date else None

    @property
    def earliest(self):
        """The first day the date can mean: 1 January of a year, the 1st of a month."""
        if self.precision == Precision.YEAR:
            return self.date.replace(month=1, day=1)
        if self.precision == Precision.MONTH:
            return self.date.replace(day=1)
        return self.date

    @property
    def latest(self):
        """The last day the date can mean: 31 December of a year, the last day of a month."""
        if self.precision == Precision.YEAR:
            return self.date.replace(month=12, day=31)
        if self.precision == Precision.MONTH:
            return self.date.replace(day=calendar.monthrange(self.date.year, self.date.month)[1])
        return self.date

    def isoformat(self):
        """The shortest ISO form that keeps the precision: the inverse of parse()."""
        if self.precision == Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def __str__(self):
        """The date in the active language at its precision ("2000", "July 2022", "19 Dec 2023")."""
        return self._format("F Y")

    @property
    def after_preposition(self):
        """The form that follows "since", "from" or "until": Czech and Ukrainian month names
        take the genitive there ("od července 2022", "з липня 2022")."""
        return self._format("E Y")

    def _format(self, month_format):
        if self.precision == Precision.YEAR:
            return str(self.date.year)
        if self.precision == Precision.MONTH:
            text = dateformat.format(self.date, month_format)
            return text[0].lower() + text[1:] if translation.get_language() in LOWERCASE_MONTHS else text
        return formats.date_format(self.date, "DATE_FORMAT")


def partial_date(obj, field):
    return PartialDate.of(getattr(obj, field), getattr(obj, f"{field}_precision"))


def period_errors(obj, start_field, end_field):
    """{end field: [error]} for a period that ends before it starts, {} otherwise.

    Dates known only to a year or a month are read generously: the period is refused only when
    the latest day its end can mean is before the earliest day its start can mean. An end of
    "2019" therefore fits a start of "2019-05", and an end equal to the start is a one-day period.
    """
    start, end = partial_date(obj, start_field), partial_date(obj, end_field)
    if not (start and end) or end.latest >= start.earliest:
        return {}
    error = ValidationError(
        _("“%(end)s” cannot be before “%(start)s”: the period would end before it begins."),
        code="end_before_start",
        params={
            "end": obj._meta.get_field(end_field).verbose_name,
            "start": obj._meta.get_field(start_field).verbose_name,
        },
    )
    return {end_field: [error]}


class Period(models.Model):
    """A start and an end, each with its precision; an unknown start and an open end stay empty.

    The end may not come before the start (see `period_errors`).
    """

    started = models.DateField(_("started"), null=True, blank=True, help_text=_("Empty when not known."))
    started_precision = models.CharField(
        _("precision of start"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    ended = models.DateField(_("ended"), null=True, blank=True, help_text=_("Empty while in office or still running."))
    ended_precision = models.CharField(
        _("precision of end"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if errors := period_errors(self, "started", "ended"):
            raise ValidationError(errors)

    @property
    def start(self):
        return partial_date(self, "started")

    @property
    def end(self):
        return partial_date(self, "ended")
