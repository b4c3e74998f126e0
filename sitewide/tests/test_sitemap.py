import datetime
import re
import xml.etree.ElementTree as ET
from collections import Counter

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Value
from django.db.models.functions import Concat
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.i18n import LANGUAGE_CODES, absolute
from core.models import Status
from core.public_cache import content_changed
from news.models import NewsItem
from programmes.models import Programme, Project
from testing.fake_content import add_news_items
from testing.site_content import build_site, make_news
from testing.sitemaps import NS, get_xml, listed_locations, sitemap_paths, sitemap_urls

SITE = "http://127.0.0.1:8000"
SITEMAP_LIMIT = 50_000  # URLs per sitemap, by the sitemap protocol
MEGABYTE = 1_000_000


@pytest.fixture
def sitemap(client, db):
    """{URL: {hreflang: alternate URL}} over every sitemap the index names."""
    build_site()
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for _path, url in sitemap_urls(client)
    }


def test_the_sitemap_lists_each_item_once_per_language_it_exists_in(sitemap):
    news = sorted(loc for loc in sitemap if "/news/" in loc or "/aktuality/" in loc or "/novyny/" in loc)
    assert news == sorted(
        SITE + path
        for path in [
            "/en/news/",
            "/cs/aktuality/",
            "/uk/novyny/",
            "/en/news/25-years-of-iom-in-czechia/",
            "/cs/aktuality/25-let-iom-v-cesku/",
            "/uk/novyny/25-rokiv-mom-u-chekhii/",
            "/en/news/summer-school-opens/",
            "/cs/aktuality/pribeh-pani-sladkove/",
        ]
    )


def test_sitemap_alternates_name_exactly_the_items_languages_and_an_x_default(sitemap):
    assert sitemap[SITE + "/cs/programy/projekty/navraty-a-reintegrace-2018-2022/"] == {
        "en": SITE + "/en/programmes/projects/return-and-reintegration-2018-2022/",
        "cs": SITE + "/cs/programy/projekty/navraty-a-reintegrace-2018-2022/",
        "x-default": SITE + "/en/programmes/projects/return-and-reintegration-2018-2022/",
    }
    assert sitemap[SITE + "/cs/aktuality/pribeh-pani-sladkove/"] == {
        "cs": SITE + "/cs/aktuality/pribeh-pani-sladkove/",
        "x-default": SITE + "/cs/aktuality/pribeh-pani-sladkove/",
    }


def test_the_sitemap_names_every_section_page_in_every_language(sitemap):
    assert sitemap[SITE + "/uk/istoriia/"] == {
        "en": SITE + "/en/history/",
        "cs": SITE + "/cs/historie/",
        "uk": SITE + "/uk/istoriia/",
        "x-default": SITE + "/en/history/",
    }
    assert {SITE + "/en/", SITE + "/cs/", SITE + "/uk/", SITE + "/uk/prohramy/"} <= set(sitemap)


def part_path(section, item, settings):
    """The sitemap that lists `item`: parts follow primary keys, which PostgreSQL does not reuse
    between tests, so a test works out the part rather than assuming the first."""
    return f"/sitemap-{section}-{(item.pk - 1) // settings.SITEMAP_ITEMS_PER_PART + 1}.xml"


@pytest.mark.django_db
def test_the_index_names_one_sitemap_per_section_each_with_its_newest_change(client, settings):
    settings.SITEMAP_ITEMS_PER_PART = 1_000_000
    site = build_site()
    NewsItem.objects.update(updated=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC))
    NewsItem.objects.filter(pk=site["anniversary"].pk).update(
        updated=datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
    )
    Programme.objects.update(updated=datetime.datetime(2023, 1, 2, tzinfo=datetime.UTC))
    index = get_xml(client, "/sitemap.xml")
    lastmods = {
        entry.findtext("s:loc", namespaces=NS).removeprefix(SITE): entry.findtext("s:lastmod", namespaces=NS)
        for entry in index.findall("s:sitemap", NS)
    }
    news, programmes = part_path("news", site["anniversary"], settings), part_path("programmes", site["avrr"], settings)
    assert list(lastmods) == [
        "/sitemap-pages-1.xml",
        news,
        programmes,
        part_path("projects", site["project"], settings),
    ]
    assert lastmods[news] == "2024-05-06T09:08:09+02:00"
    assert lastmods[programmes] == "2023-01-02T01:00:00+01:00"
    assert all(lastmods.values())


@pytest.mark.django_db
def test_each_url_keeps_the_date_of_its_pages_newest_change(client):
    build_site()
    NewsItem.objects.update(updated=datetime.datetime(2024, 5, 6, 7, 8, tzinfo=datetime.UTC))
    NewsItem.objects.filter(slug_en="summer-school-opens").update(
        updated=datetime.datetime(2024, 2, 3, tzinfo=datetime.UTC)
    )
    dates = {
        url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
        for _path, url in sitemap_urls(client)
    }
    assert dates[SITE + "/en/news/summer-school-opens/"] == "2024-02-03"
    assert dates[SITE + "/cs/aktuality/25-let-iom-v-cesku/"] == "2024-05-06"
    assert dates[SITE + "/uk/novyny/"] == "2024-05-06"


def hidden_items():
    """Items the public must not find in any sitemap: a draft, a scheduled item, a draft programme."""
    texts = {"title": {"en": "Hidden {}"}, "lead": {"en": "Not for the public."}}

    def named(name):
        return {field: {code: text.format(name) for code, text in values.items()} for field, values in texts.items()}

    draft = make_news(named("draft"), status=Status.DRAFT)
    scheduled = make_news(named("scheduled"), published_at=timezone.now() + datetime.timedelta(days=2))
    programme = Programme.objects.create(title_en="Hidden programme", summary_en="Draft.", status=Status.DRAFT)
    return [draft, scheduled, programme]


def expected_locations():
    """Every page the public may see, in every language it may see it in."""
    pages = ["home", "news:list", "history:timeline", "programmes:list"]
    locations = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            locations += [absolute(reverse(name)) for name in pages]
            for model in (NewsItem, Programme, Project):
                locations += [absolute(item.get_absolute_url()) for item in model.objects.visible_in(code)]
    return locations


def news_parts(client):
    return [path for path in sitemap_paths(client) if path.startswith("/sitemap-news-")]


@pytest.mark.django_db
def test_small_parts_list_every_visible_page_in_every_visible_language_exactly_once(client, settings):
    settings.SITEMAP_ITEMS_PER_PART = 2
    build_site()
    hidden = hidden_items()
    add_news_items(7)
    visible_news = NewsItem.objects.published().order_by("pk")
    assert news_parts(client) == list(dict.fromkeys(part_path("news", item, settings) for item in visible_news))
    assert len(news_parts(client)) >= 5
    listed = listed_locations(client)
    assert [loc for loc, times in Counter(listed).items() if times > 1] == []
    assert sorted(listed) == sorted(expected_locations())
    assert SITE + "/uk/novyny/generated-uk-6/" in listed
    assert SITE + "/uk/novyny/summer-school-opens/" not in listed
    assert {item.slug_en for item in hidden} == {"hidden-draft", "hidden-scheduled", "hidden-programme"}
    assert not [loc for loc in listed if "hidden" in loc]
    urls_per_part = Counter(path for path, _url in sitemap_urls(client) if path != "/sitemap-pages-1.xml")
    assert max(urls_per_part.values()) == 2 * len(LANGUAGE_CODES)


GENERATED_1_OR_2 = re.compile(r"/generated-(en|cs|uk)-[12]/$")


@pytest.mark.django_db
def test_an_item_stays_in_its_part_when_items_are_added_and_withdrawn(client, settings):
    settings.SITEMAP_ITEMS_PER_PART = 3
    build_site()
    add_news_items(10)
    before = {url.findtext("s:loc", namespaces=NS): path for path, url in sitemap_urls(client)}
    NewsItem.objects.filter(key__in=["generated-1", "generated-2"]).update(status=Status.DRAFT)
    add_news_items(5, start=10)
    after = {url.findtext("s:loc", namespaces=NS): path for path, url in sitemap_urls(client)}
    kept = {loc: path for loc, path in before.items() if not GENERATED_1_OR_2.search(loc)}
    assert len(kept) == len(before) - 2 * len(LANGUAGE_CODES)
    assert {loc: after[loc] for loc in kept} == kept
    assert len(after) == len(kept) + 5 * len(LANGUAGE_CODES)


@pytest.mark.django_db
def test_a_part_whose_items_are_all_hidden_is_not_named_and_not_found(client, settings):
    settings.SITEMAP_ITEMS_PER_PART = 2
    build_site()
    items = add_news_items(8)
    emptied = part_path("news", items[4], settings)
    first, last = ((items[4].pk - 1) // 2) * 2 + 1, ((items[4].pk - 1) // 2) * 2 + 2
    assert client.get(emptied).status_code == 200
    NewsItem.objects.filter(pk__range=(first, last)).update(status=Status.DRAFT)
    content_changed()
    assert emptied not in news_parts(client)
    assert client.get(emptied).status_code == 404
    assert part_path("news", items[7], settings) in news_parts(client)


@pytest.mark.django_db
def test_an_unknown_sitemap_is_not_found(client):
    site = build_site()
    listed = set(sitemap_paths(client))
    news = part_path("news", site["anniversary"], django_settings)
    assert news in listed
    unknown = [
        news.replace(".xml", "0.xml"),
        news.replace("-news-", "-news-0"),
        "/sitemap-news-0.xml",
        "/sitemap-pages-2.xml",
        "/sitemap-directors-1.xml",
        "/sitemap-news.xml",
        "/sitemap-news-99999999999999999999999.xml",
    ]
    assert {path: client.get(path).status_code for path in unknown} == dict.fromkeys(unknown, 404)
    # An empty part is not kept: made-up numbers fill no cache.
    with CaptureQueriesContext(connection) as queries:
        assert client.get(news.replace(".xml", "0.xml")).status_code == 404
    assert any("news_newsitem" in query["sql"] for query in queries.captured_queries)


W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$")


def assert_follows_the_sitemap_protocol(path, body, root):
    """The protocol's rules a crawler checks: UTF-8, namespace, absolute locations on this site,
    W3C dates, hreflang alternates, at most 50,000 URLs and (ours) under a megabyte."""
    assert body.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), path
    body.decode("utf-8")
    assert len(body) < MEGABYTE, f"{path} weighs {len(body):,} bytes"
    entries = root.findall("s:url", NS) or root.findall("s:sitemap", NS)
    assert 0 < len(entries) <= SITEMAP_LIMIT, path
    for entry in entries:
        assert [child.tag.split("}")[1] for child in entry][:1] == ["loc"], path
        assert entry.findtext("s:loc", namespaces=NS).startswith(SITE + "/"), path
        lastmod = entry.findtext("s:lastmod", namespaces=NS)
        assert lastmod and W3C_DATE.match(lastmod), (path, lastmod)
        for link in entry.findall("x:link", NS):
            assert link.get("rel") == "alternate" and link.get("href").startswith(SITE + "/"), path


def long_slugs():
    """Slugs as long as the site makes from a long title (90 characters), so that parts weigh their most."""
    for code in LANGUAGE_CODES:
        NewsItem.objects.update(**{f"slug_{code}": Concat(F(f"slug_{code}"), Value("-" + "x" * 60))})


def queries_and_bodies(client, paths):
    """{path: (queries, body)} of each path asked from an empty cache, a part after the index."""
    results = {}
    for path in paths:
        cache.clear()
        if path != "/sitemap.xml":
            client.get("/sitemap.xml")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        results[path] = (len(queries), response.content)
    return results


@pytest.mark.django_db
def test_with_2000_news_items_every_sitemap_stays_under_a_megabyte_and_its_queries_stay_few(client, shipped_content):
    add_news_items(10)
    few_paths = ["/sitemap.xml", "/sitemap-pages-1.xml", news_parts(client)[0]]
    few = queries_and_bodies(client, few_paths)
    items = add_news_items(1990, start=10)
    long_slugs()
    paths = ["/sitemap.xml", *sitemap_paths(client)]
    many = queries_and_bodies(client, paths)
    for path, (_queries, body) in many.items():
        assert_follows_the_sitemap_protocol(path, body, ET.fromstring(body))
    assert {path: many[path][0] for path in few_paths} == {path: queries for path, (queries, _body) in few.items()}
    # Every request reads the content version (one query). The index then reads the next
    # publications (one query for every model) and, in one query, every part's newest change; a
    # part reads its own rows only; the pages part reads nothing more.
    assert many["/sitemap.xml"][0] == 3
    assert {path: queries for path, (queries, _body) in many.items() if path != "/sitemap.xml"} == {
        **dict.fromkeys(paths[1:], 2),
        "/sitemap-pages-1.xml": 1,
    }
    full_part = many[part_path("news", items[1000], django_settings)][1]
    assert full_part.count(b"<url>") == 250 * len(LANGUAGE_CODES)
