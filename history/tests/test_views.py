import datetime
import re

import pytest
from django.utils import translation

from history.models import Director
from history.timeline import TenureChart

TODAY = datetime.date(2026, 11, 28)


def director(name, started=None, ended=None, started_precision="day", ended_precision="day"):
    return Director(
        name=name, started=started, ended=ended, started_precision=started_precision, ended_precision=ended_precision
    )


def describe(chart):
    return [
        (segment.director.name if segment.director else None, segment.start, segment.end, segment.uncertain_start)
        for segment in chart.segments
    ]


def test_periods_without_a_known_director_become_gaps_from_1997_to_today():
    chart = TenureChart(
        [director("B", datetime.date(2020, 9, 1), datetime.date(2021, 9, 1)), director("A", datetime.date(2000, 1, 1))],
        today=TODAY,
    )
    assert describe(chart) == [
        (None, datetime.date(1997, 1, 1), datetime.date(2000, 1, 1), False),
        ("A", datetime.date(2000, 1, 1), datetime.date(2020, 9, 1), False),
        ("B", datetime.date(2020, 9, 1), datetime.date(2021, 9, 1), False),
        (None, datetime.date(2021, 9, 1), TODAY, False),
    ]
    assert chart.segments[1].uncertain_end and not chart.segments[2].in_office


def test_a_director_without_a_known_start_is_drawn_from_an_uncertain_start():
    chart = TenureChart([director("A", ended=datetime.date(2000, 1, 1), ended_precision="year")], today=TODAY)
    first = chart.segments[0]
    assert (first.director.name, first.start, first.end, first.uncertain_start) == (
        "A",
        datetime.date(1997, 1, 1),
        datetime.date(2000, 12, 31),
        True,
    )
    assert chart.segments[1].is_gap


def test_a_director_with_an_unknown_start_follows_the_editors_order_from_the_previous_end():
    later = director("Later", ended=datetime.date(2012, 5, 1))
    later.order = 2
    earlier = director("Earlier", datetime.date(2000, 1, 1), datetime.date(2005, 1, 1))
    earlier.order = 1
    chart = TenureChart([later, earlier], today=TODAY)
    assert describe(chart)[1:3] == [
        ("Earlier", datetime.date(2000, 1, 1), datetime.date(2005, 1, 1), False),
        ("Later", datetime.date(2005, 1, 1), datetime.date(2012, 5, 1), True),
    ]


def test_the_director_in_office_reaches_today_and_coordinates_do_not_depend_on_the_language():
    chart = TenureChart([director("Now", datetime.date(2022, 7, 1), started_precision="month")], today=TODAY)
    with translation.override("cs"):
        assert chart.segments[-1].in_office and chart.segments[-1].x_percent.endswith("%")
        assert "," not in chart.segments[-1].x_percent and chart.segments[-1].width_percent == "14.749%"


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "path"), [("en", "/en/history/"), ("cs", "/cs/historie/"), ("uk", "/uk/istoriia/")])
def test_the_history_page_draws_every_tenure_and_gap_and_says_it_in_text(client, site, code, path):
    with translation.override(code):
        html = client.get(path).content.decode()
    svg = re.search(r"<svg class=\"tenure-chart\".*?</svg>", html, re.S).group(0)
    assert svg.count('class="gap"') == 2 and svg.count('<rect class="tenure') == 3
    assert 'aria-hidden="true"' in svg
    text_equivalent = re.search(r'<ol class="visually-hidden">(.*?)</ol>', html, re.S).group(1)
    assert text_equivalent.count("<li>") == 5 and "Eva Sebbane" in text_equivalent


@pytest.mark.django_db
def test_the_history_page_lists_milestones_and_directors_available_in_its_language(client, site):
    with translation.override("cs"):
        html = client.get("/cs/historie/").content.decode()
    assert "Dohoda s Českem" in html and "Monitoring migration routes" not in html
    assert "Ředitelka" in html and "Chief of Mission" not in html
    with translation.override("en"):
        english = client.get("/en/history/").content.decode()
    assert '<li class="milestone" id="monitoring-migration-routes">' in english
    assert "2015" in english and "2021" in english
