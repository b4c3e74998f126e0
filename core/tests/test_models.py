import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.dates import PartialDate
from core.i18n import LANGUAGE_CODES
from core.models import Status
from news.models import NewsItem


def make_news(**fields):
    defaults = {"status": Status.PUBLISHED, "published_at": timezone.now() - datetime.timedelta(hours=1)}
    return NewsItem.objects.create(**{**defaults, **fields})


@pytest.mark.parametrize(
    ("text", "precision", "date"),
    [
        ("2000", "year", datetime.date(2000, 1, 1)),
        ("2022-07", "month", datetime.date(2022, 7, 1)),
        ("2023-12-19", "day", datetime.date(2023, 12, 19)),
    ],
)
def test_partial_dates_keep_their_precision(text, precision, date):
    parsed = PartialDate.parse(text)
    assert (parsed.date, parsed.precision, parsed.isoformat()) == (date, precision, text)


@pytest.mark.parametrize("text", ["", "20", "2022-13", "2022-02-30", "2022--01", "July 2022"])
def test_partial_dates_refuse_other_shapes(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


@pytest.mark.django_db
def test_published_excludes_drafts_and_scheduled_items():
    live = make_news(title_en="Live", lead_en="Lead")
    make_news(title_en="Draft", lead_en="Lead", status=Status.DRAFT)
    make_news(title_en="Later", lead_en="Lead", published_at=timezone.now() + datetime.timedelta(hours=1))
    assert list(NewsItem.objects.published()) == [live]


@pytest.mark.django_db
def test_available_in_needs_every_required_field_of_that_language():
    both = make_news(title_en="Both", lead_en="Lead", title_uk="Обидва", lead_uk="Лід")
    make_news(title_en="English only", lead_en="Lead", title_uk="Без ліду")
    assert list(NewsItem.objects.available_in("uk")) == [both]
    assert both.available_languages() == ["en", "uk"]


@pytest.mark.django_db
def test_the_public_of_a_language_sees_live_items_available_in_it_and_nothing_else():
    seen = make_news(title_en="Seen", lead_en="Lead", title_uk="Видно", lead_uk="Лід")
    make_news(title_en="English only", lead_en="Lead")
    make_news(title_en="Draft", lead_en="Lead", title_uk="Чернетка", lead_uk="Лід", status=Status.DRAFT)
    later = timezone.now() + datetime.timedelta(hours=1)
    make_news(title_en="Later", lead_en="Lead", title_uk="Пізніше", lead_uk="Лід", published_at=later)
    assert list(NewsItem.objects.visible_in("uk")) == [seen]
    assert NewsItem.objects.visible_in("en").count() == 2


@pytest.mark.django_db
def test_content_without_publication_is_visible_where_it_is_available():
    from history.models import KeyFigure

    figure = KeyFigure.objects.create(label_cs="návratů", source_cs="Zpráva", value=1, as_of=datetime.date(2023, 1, 1))
    assert (list(KeyFigure.objects.visible_in("cs")), list(KeyFigure.objects.visible_in("en"))) == ([figure], [])


@pytest.mark.django_db
def test_slugs_are_transliterated_per_language_and_empty_ones_stored_as_null():
    item = make_news(title_en="Support", lead_en="Lead", title_uk="Підтримка біженців", lead_uk="Лід", title_cs="")
    assert (item.slug_en, item.slug_uk, item.slug_cs, item.title_cs) == ("support", "pidtrymka-bizhentsiv", None, None)


@pytest.mark.django_db
def test_a_duplicate_slug_in_one_language_is_a_validation_error_on_that_field():
    make_news(title_en="Same", lead_en="Lead")
    other = NewsItem(title_en="Same", lead_en="Other lead", title_cs="Jiné", lead_cs="Perex")
    with pytest.raises(ValidationError) as error:
        other.full_clean()
    assert "slug_en" in error.value.message_dict


@pytest.mark.django_db
def test_an_item_needs_one_complete_language():
    with pytest.raises(ValidationError) as error:
        NewsItem(title_cs="Jen titulek").full_clean()
    assert error.value.message_dict["lead_cs"] == ["Required for Czech, because other Czech fields are filled in."]
    with pytest.raises(ValidationError, match="at least one language"):
        NewsItem().full_clean()


@pytest.mark.django_db
def test_rich_text_is_sanitised_on_save():
    item = make_news(title_en="X", lead_en="Lead", body_en='<p onclick="steal()">Hi<script>alert(1)</script></p>')
    assert item.body_en == "<p>Hi</p>"


@pytest.mark.django_db
def test_news_search_ignores_case_and_diacritics():
    found = make_news(title_en="Director Petr Čáp", lead_en="Lead", title_cs="Ředitel Petr Čáp", lead_cs="Perex")
    make_news(title_en="Other", lead_en="Lead")
    assert list(NewsItem.objects.search("petr cap")) == [found]
    assert list(NewsItem.objects.search("ČÁP")) == [found]


@pytest.mark.parametrize(
    ("code", "plain", "after_preposition"),
    [
        ("en", "July 2022", "July 2022"),
        ("cs", "červenec 2022", "července 2022"),
        ("uk", "липень 2022", "липня 2022"),
    ],
)
def test_month_dates_read_naturally_alone_and_after_since_or_until(code, plain, after_preposition):
    date = PartialDate.parse("2022-07")
    with translation.override(code):
        assert (str(date), date.after_preposition) == (plain, after_preposition)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_choice_label_reads_as_djangos_in_each_language(code):
    """get_FOO_display() translates each field's labels once per language (core.models.ChoiceLabels):
    it must still say what Django's own says, in every language, for every value of every field."""
    from django.apps import apps
    from django.utils.encoding import force_str

    from core.models import ChoiceLabels

    checked = 0
    for model in apps.get_models():
        if not issubclass(model, ChoiceLabels):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            for value, label in field.flatchoices:
                item = model(**{field.attname: value})
                with translation.override(code):
                    assert getattr(item, f"get_{field.name}_display")() == force_str(label)
                    checked += 1
            with translation.override(code):
                assert model(**{field.attname: "not-a-choice"})._get_FIELD_display(field) == "not-a-choice"
    assert checked > 20
    with translation.override("cs"):
        assert NewsItem(kind=NewsItem.Kind.PRESS_RELEASE).get_kind_display() == "tisková zpráva"
