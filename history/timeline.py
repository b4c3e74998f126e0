"""The directors' tenures laid out on a time axis, for the history page's picture.

Positions are percentages of the axis, so that the server can draw the picture (SVG) and its
text equivalent from the same segments. Nothing is invented: a period with no known director
becomes a gap segment, a director whose start is not known is drawn from the earliest moment
the start could be (the previous known end, or the start of the axis) and marked uncertain.
"""

import calendar
import datetime
from dataclasses import dataclass

from core.dates import Precision

AXIS_START = datetime.date(1997, 1, 1)
ROW_HEIGHT = 38
AXIS_HEIGHT = 28
BAR_HEIGHT = 14


def percent(value):
    """An SVG coordinate in percent, written the same in every language ('12.5%', never '12,5%')."""
    return f"{round(value, 3)}%"


def period_end(date, precision):
    """The last day a partial date can mean: 'until 2000' lasts to the end of 2000."""
    if precision == Precision.YEAR:
        return datetime.date(date.year, 12, 31)
    if precision == Precision.MONTH:
        return datetime.date(date.year, date.month, calendar.monthrange(date.year, date.month)[1])
    return date


@dataclass
class Segment:
    start: datetime.date
    end: datetime.date
    director: object = None
    uncertain_start: bool = False
    uncertain_end: bool = False
    in_office: bool = False
    x: float = 0.0
    width: float = 0.0
    y: int = 0

    @property
    def is_gap(self):
        return self.director is None

    @property
    def label_end(self):
        """Labels near the right edge are anchored at their end so that they stay inside."""
        return self.x + self.width / 2 > 60

    @property
    def label_x(self):
        return percent(self.x + self.width if self.label_end else self.x)

    @property
    def x_percent(self):
        return percent(self.x)

    @property
    def width_percent(self):
        return percent(self.width)

    @property
    def label_y(self):
        return self.y + BAR_HEIGHT + 13


class TenureChart:
    """Directors' tenures and the gaps between them, in order, from 1997 to today."""

    def __init__(self, directors, today):
        self.today = today
        self.start = AXIS_START
        # The editors' order places a director whose start is unknown; the start orders the rest.
        directors = sorted(directors, key=lambda d: (d.order, d.started or datetime.date.min, d.pk or 0))
        self.segments = self._segments(directors)
        span = (self.today - self.start).days or 1
        for row, segment in enumerate(self.segments):
            segment.x = round(100 * (segment.start - self.start).days / span, 3)
            segment.width = round(max(100 * (segment.end - segment.start).days / span, 0.4), 3)
            segment.y = AXIS_HEIGHT + row * ROW_HEIGHT

    def _segments(self, directors):
        segments, cursor = [], self.start
        for index, director in enumerate(directors):
            later = directors[index + 1 :]
            start = director.started or cursor
            if director.started and director.started > cursor:
                segments.append(Segment(cursor, director.started))
            if director.ended:
                end = min(period_end(director.ended, director.ended_precision), self.today)
            elif later and later[0].started:
                end = later[0].started
            else:
                end = self.today
            segments.append(
                Segment(
                    max(start, self.start),
                    end,
                    director,
                    uncertain_start=director.started is None,
                    uncertain_end=director.ended is None and bool(later),
                    in_office=director.ended is None and not later,
                )
            )
            cursor = max(cursor, end)
        if cursor < self.today:
            segments.append(Segment(cursor, self.today))
        return segments

    @property
    def height(self):
        return AXIS_HEIGHT + len(self.segments) * ROW_HEIGHT

    @property
    def ticks(self):
        """Every fifth year on the axis, as (year, 'x%')."""
        span = (self.today - self.start).days or 1
        first = self.start.year + (-self.start.year) % 5
        return [
            (year, percent(100 * (datetime.date(year, 1, 1) - self.start).days / span))
            for year in range(first, self.today.year + 1, 5)
        ]
