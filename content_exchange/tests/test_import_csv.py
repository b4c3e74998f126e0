"""import_content reads CSV: one row per item, one column per language, UTF-8 with or without BOM."""

import datetime
from decimal import Decimal

import pytest

from history.models import KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Organisation

from .test_import import SAMPLE, content_file, database_state, import_content

NEWS_CSV = (
    "model,key,title_en,title_cs,title_uk,lead_en,lead_cs,lead_uk,kind,status,published_at,programmes\n"
    'news.newsitem,old-news,"Return, safely",Bezpečný návrat,,Lead,Perex,,story,published,'
    "2021-05-04T09:00:00+02:00,avrr\n"
    "news.newsitem,another,Another,,Інша,Lead,,Лід,news,draft,2022-01-01T00:00:00+01:00,\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_news_items_are_imported_from_csv_with_or_without_a_byte_order_mark(tmp_path, encoding):
    import_content(content_file(tmp_path, SAMPLE[:3]))
    output = import_content(write(tmp_path, "news.csv", NEWS_CSV, encoding))
    item = NewsItem.objects.get(key="old-news")
    assert (item.title_en, item.title_cs, item.title_uk) == ("Return, safely", "Bezpečný návrat", None)
    assert item.slug_cs == "bezpecny-navrat"
    assert item.kind == "story"
    assert item.published_at == datetime.datetime(2021, 5, 4, 7, 0, tzinfo=datetime.UTC)
    assert list(item.programmes.values_list("key", flat=True)) == ["avrr"]
    assert NewsItem.objects.get(key="another").available_languages() == ["en", "uk"]
    assert "news.newsitem: 2 created, 0 updated, 0 unchanged" in output


@pytest.mark.django_db
def test_a_second_csv_import_changes_nothing(tmp_path):
    import_content(content_file(tmp_path, SAMPLE[:3]))
    path = write(tmp_path, "news.csv", NEWS_CSV)
    import_content(path)
    before = database_state()
    assert import_content(path).splitlines()[-1] == "2 records: 0 were created, 0 were updated, 2 unchanged."
    assert database_state() == before


@pytest.mark.django_db
def test_key_figures_milestones_and_organisations_come_from_csv_too(tmp_path):
    write(
        tmp_path,
        "1-figures.csv",
        "model,key,label_en,label_cs,value,qualifier,as_of,source_en,source_cs,order\n"
        "history.keyfigure,returns,assisted returns,asistovaných návratů,7500,more_than,2023-12-19,"
        "Press release,Tisková zpráva,1\n",
    )
    write(
        tmp_path,
        "2-history.csv",
        "model,key,date,end,title_en,title_uk,theme,highlight\n"
        "history.milestone,research,2015,2021,Research years,Роки досліджень,research,true\n",
    )
    write(
        tmp_path,
        "3-partners.csv",
        "model,key,name_en,name_cs,kind,country\nprogrammes.organisation,city-of-prague,Prague,Praha,municipality,CZ\n",
    )
    import_content(tmp_path)
    figure = KeyFigure.objects.get()
    assert (figure.value, figure.qualifier, figure.order, figure.label_cs) == (
        Decimal("7500"),
        "more_than",
        1,
        "asistovaných návratů",
    )
    milestone = Milestone.objects.get()
    assert (milestone.when.isoformat(), milestone.until.isoformat(), milestone.highlight) == ("2015", "2021", True)
    assert Organisation.objects.get().name_cs == "Praha"
