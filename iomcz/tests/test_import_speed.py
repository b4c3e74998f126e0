"""The import's fast paths give exactly what the slow, general ones give."""

import datetime

import pytest
from django.utils import translation

from iomcz.content.importer import NewInstances
from iomcz.content.schema import specs
from iomcz.i18n import LANGUAGE_CODES
from iomcz.models import translated_fields


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
