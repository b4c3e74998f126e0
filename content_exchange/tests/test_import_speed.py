"""The import's fast paths give exactly what the slow, general ones give."""

import datetime
import random

import nh3
import pytest
from django.db import connection
from django.utils import translation
from django.utils.html import strip_tags

from content_exchange.importer import Importer, NewInstances, Planned
from content_exchange.schema import specs
from core import text as text_module
from core.i18n import LANGUAGE_CODES, translated_fields
from core.tests.test_xss import PAYLOADS_FILE
from core.text import (
    _CLEANER,
    RICH_TEXT_ATTRIBUTES,
    RICH_TEXT_TAGS,
    URL_SCHEMES,
    sanitise_html,
    search_key,
    text_of,
    to_ascii,
)


def comparable(obj):
    """An instance's attributes, without its state and the defaults that differ by the call (now())."""
    return {name: value for name, value in vars(obj).items() if name not in ("_state", "published_at")}


@pytest.mark.parametrize("label", [spec.label for spec in specs()])
def test_an_instance_made_for_import_has_what_the_model_constructor_gives(label):
    model = next(spec.model for spec in specs() if spec.label == label)
    columns = {f"{name}_{code}": None for name in translated_fields(model) for code in LANGUAGE_CODES}
    columns[f"{translated_fields(model)[0]}_cs"] = "Text"
    with translation.override("uk"):
        made = NewInstances(model).new(key="a-key", **columns)
        constructed = model(key="a-key", **columns)
    assert comparable(made) == comparable(constructed)
    assert made._state.adding and made._state.db is None and made.pk is None


def test_each_instance_made_for_import_gets_its_own_callable_defaults():
    from news.models import NewsItem

    maker = NewInstances(NewsItem)
    first, second = maker.new(key="one"), maker.new(key="two")
    first.translation_sources["cs"] = {"title": "hash"}
    assert second.translation_sources == {}
    assert isinstance(second.published_at, datetime.datetime)


PIECES = [
    "<p>", "</p>", "<br>", "<b>", "</b>", "<a href=\"https://example.org/?a=1&amp;b=2\">", "</a>",
    '<img src="/a.png" alt="a>b">', "<script>", "</script>", "<style>", "<!-- c -->", "<!DOCTYPE html>",
    "<P>", "<p >", "</p x>", "<3", "< p>", "<", ">", "&", "&amp;", "&amp", "&#39;", "&#x27;", "&#39",
    "&nbsp;", '"', "'", " ", "\t", "\n", "\u00a0", "\x85", "\u2028", "Č", "й", "ß", "İ", "word", "Word",
]  # fmt: skip
PAYLOADS = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()


def tricky_texts(count=3000):
    """Payloads from the XSS corpus, what nh3 makes of them, and random mixes of markup pieces."""
    chance = random.Random(5)
    texts = [*PAYLOADS, *(sanitise_html(payload) for payload in PAYLOADS)]
    for _ in range(count):
        text = "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 12)))
        texts += [text, sanitise_html(text)]
    return texts


def test_text_of_markup_is_what_djangos_strip_tags_gives():
    for text in tricky_texts():
        assert text_of(text) == strip_tags(text), text


def test_search_folding_word_by_word_is_what_folding_the_whole_text_gives():
    for text in tricky_texts():
        assert search_key(text) == " ".join(to_ascii(strip_tags(text)).lower().split()), text


@pytest.mark.django_db
def test_a_new_item_is_inserted_with_the_row_bulk_create_would_write():
    from news.models import NewsItem

    columns = {f"{name}_{code}": f"{name} {code}" for name in ("title", "lead", "body") for code in LANGUAGE_CODES}
    maker = NewInstances(NewsItem)
    with translation.override("cs"):
        inserted, created = maker.new(key="inserted", **columns), maker.new(key="created", **columns)
        for obj, slug in ((inserted, "inserted"), (created, "created")):
            obj.full_clean(validate_unique=False)
            obj.slug_en = obj.slug_cs = obj.slug_uk = slug
            obj.published_at = created.published_at
        Importer.insert(NewsItem, [Planned(None, {}, obj=inserted)])
        NewsItem.objects.bulk_create([created])
    assert inserted.pk and not inserted._state.adding

    def row(obj):
        """Every stored column, the original ones of translated fields included (the ORM hides them)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {NewsItem._meta.db_table} WHERE id = %s", [obj.pk])
            names = [column[0] for column in cursor.description]
            values = dict(zip(names, cursor.fetchone(), strict=True))
        return {name: value for name, value in values.items() if "slug" not in name and name not in skipped}

    skipped = ("id", "key", "created", "updated")
    assert row(inserted) == row(created)
    assert row(inserted)["title_cs"] == "title cs" and row(inserted)["title"] == "title cs"


@pytest.mark.django_db
def test_a_new_item_is_inserted_with_the_times_its_record_carries():
    from news.models import NewsItem

    moment = datetime.datetime(2020, 5, 1, 8, 0, tzinfo=datetime.UTC)
    obj = NewInstances(NewsItem).new(key="stamped", title_en="Stamped", slug_en="stamped", lead_en="Lead")
    Importer.insert(NewsItem, [Planned(None, {}, obj=obj, stamps={"created": moment})])
    stored = NewsItem.objects.get(key="stamped")
    assert stored.created == moment and obj.created == moment
    assert stored.updated > moment


def test_the_cleaner_built_once_cleans_as_nh3_clean_with_the_allow_lists():
    options = {"tags": RICH_TEXT_TAGS, "attributes": RICH_TEXT_ATTRIBUTES, "url_schemes": URL_SCHEMES}
    for text in tricky_texts(500):
        assert _CLEANER.clean(text) == nh3.clean(text, **options, link_rel=None, strip_comments=True), text


def test_search_folding_keeps_only_short_words_for_later():
    long_word = "Č" * 41
    assert search_key(f"Čáp {long_word}") == f"cap {'C' * 41}".lower()
    assert "Čáp" in text_module._FOLDED and long_word not in text_module._FOLDED
