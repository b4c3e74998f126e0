"""A period may not end before it starts: the rule, and the admin of every model with a period."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from core.dates import PartialDate, period_errors
from history.models import Director
from testing.admin_support import form_data, sample_content

# Each model with a period: its admin path, its start and end fields, and a valid item's own fields.
PERIODS = {
    "director": ("history/director", "started", "ended"),
    "project": ("programmes/project", "started", "ended"),
    "milestone": ("history/milestone", "date", "end"),
}


def period(start, end, start_field="started", end_field="ended"):
    """An unsaved director whose tenure runs from `start` to `end` (partial ISO dates, None for empty)."""
    director = Director(name="Someone", role_en="Chief of mission")
    for field, text in ((start_field, start), (end_field, end)):
        value = PartialDate.parse(text) if text else None
        setattr(director, field, value.date if value else None)
        setattr(director, f"{field}_precision", value.precision if value else "day")
    return director


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2019", datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
        ("2020-02", datetime.date(2020, 2, 1), datetime.date(2020, 2, 29)),
        ("2019-05-17", datetime.date(2019, 5, 17), datetime.date(2019, 5, 17)),
    ],
)
def test_a_partial_date_spans_from_its_earliest_to_its_latest_day(text, earliest, latest):
    date = PartialDate.parse(text)
    assert (date.earliest, date.latest) == (earliest, latest)


def test_a_year_or_month_precision_spans_its_whole_year_or_month_whatever_day_is_stored():
    assert PartialDate(datetime.date(2019, 5, 17), "year").earliest == datetime.date(2019, 1, 1)
    assert PartialDate(datetime.date(2019, 5, 17), "month").latest == datetime.date(2019, 5, 31)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2019-05-17", "2019-05-17"),
        ("2019", "2019"),
        ("2019-05", "2019"),
        ("2019", "2019-05"),
        ("2019-05-17", "2019-05"),
        ("2019-05", "2019-05-01"),
        ("2019-12-31", "2019"),
        ("2018", "2022"),
        (None, "2000"),
        ("2000", None),
    ],
)
def test_a_period_whose_end_can_fall_on_or_after_its_start_is_accepted(start, end):
    assert period_errors(period(start, end), "started", "ended") == {}


@pytest.mark.parametrize(
    ("start", "end"),
    [("2019-05-17", "2019-05-16"), ("2019", "2018"), ("2019-05", "2019-04-30"), ("2019-05-01", "2019-04")],
)
def test_a_period_that_must_end_before_it_starts_is_refused_on_its_end(start, end):
    errors = period_errors(period(start, end), "started", "ended")
    assert [error.code for error in errors["ended"]] == ["end_before_start"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "“ended” cannot be before “started”: the period would end before it begins."),
        ("cs", "„konec“ nemůže být dříve než „začátek“: období by skončilo dříve, než začalo."),
        ("uk", "«кінець» не може бути раніше за «початок»: період закінчився б раніше, ніж почався."),
    ],
)
def test_the_message_names_both_fields_in_each_language(language, message):
    with pytest.raises(ValidationError) as error, translation.override(language):
        period("2019", "2018").clean()
    with translation.override(language):
        assert error.value.message_dict == {"ended": [message]}


@pytest.mark.django_db
@pytest.mark.parametrize("model", PERIODS)
def test_the_admin_refuses_a_new_item_that_ends_before_it_starts(admin_client, model):
    content = sample_content()
    path, start, end = PERIODS[model]
    count = type(content[model]).objects.count()
    fields = {
        "director": {"name": "Jana Nová", "role_en": "Chief of mission"},
        "project": {"title_en": "Return 2019", "summary_en": "Returns.", "programme": str(content["programme"].pk)},
        "milestone": {"title_en": "Office moves"},
    }[model]
    with translation.override("en"):
        page = admin_client.get(f"/admin/{path}/add/")
        data = form_data(
            page,
            **fields,
            **{start: "2019-05-01", f"{start}_precision": "month", end: "2018-12-31", f"{end}_precision": "year"},
        )
        response = admin_client.post(f"/admin/{path}/add/", data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors == {end: [f"“{end}” cannot be before “{start}”: the period would end before it begins."]}
    assert f"“{end}” cannot be before “{start}”" in response.content.decode()
    assert type(content[model]).objects.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize("model", PERIODS)
@pytest.mark.parametrize(
    ("start", "end", "saved"),
    [(("2019-05-01", "month"), ("2018-01-01", "year"), False), (("2019-05-01", "month"), ("2019-01-01", "year"), True)],
)
def test_the_admin_refuses_a_change_that_ends_before_it_starts_and_accepts_a_contained_end(
    admin_client, model, start, end, saved
):
    item = sample_content()[model]
    path, start_field, end_field = PERIODS[model]
    url = f"/admin/{path}/{item.pk}/change/"
    with translation.override("en"):
        data = form_data(
            admin_client.get(url),
            **{
                start_field: start[0],
                f"{start_field}_precision": start[1],
                end_field: end[0],
                f"{end_field}_precision": end[1],
            },
        )
        response = admin_client.post(url, data)
    item.refresh_from_db()
    if saved:
        assert response.status_code == 302
        assert (getattr(item, end_field), getattr(item, f"{end_field}_precision")) == (
            datetime.date(2019, 1, 1),
            "year",
        )
    else:
        assert response.status_code == 200
        assert list(response.context["adminform"].form.errors) == [end_field]
        assert getattr(item, end_field) is None
