"""Dates known only to a year, a month or a day, and the periods (start and end) made of them."""

import datetime
import re
from dataclasses import dataclass

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


class Period(models.Model):
    """A start and an end, each with its precision; an unknown start and an open end stay empty."""

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

    @property
    def start(self):
        return partial_date(self, "started")

    @property
    def end(self):
        return partial_date(self, "ended")
