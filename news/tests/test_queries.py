"""Every public page runs the same small number of SQL queries whether there are 10 or 1,000 news items."""

import datetime
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.i18n import LANGUAGE_CODES
from news.models import NewsItem
from programmes.models import Programme, Project
from sitewide.sitemap import part_number
from testing.fake_content import KINDS, add_news_items
from testing.site_content import make_news

MOST_QUERIES_PER_PAGE = 8


def page_urls(code):
    """{page: URL} for every public page type in language `code`, filters and search included."""
    with translation.override(code):
        news = NewsItem.objects.visible_in(code).latest_first().first()
        programme = Programme.objects.visible_in(code).filter(projects__isnull=False).first()
        project = Project.objects.visible_in(code).first()
        news_list = reverse("news:list")
        return {
            "home": reverse("home"),
            "news list": news_list,
            "news list, page 2": f"{news_list}?page=2",
            "news list filtered and searched": (
                f"{news_list}?kind=news&year={timezone.localtime(news.published_at).year}"
                f"&programme={programme.key}&q=sladkova"
            ),
            "news item": news.get_absolute_url(),
            "history": reverse("history:timeline"),
            "programmes list": reverse("programmes:list"),
            "programme": programme.get_absolute_url(),
            "project": project.get_absolute_url(),
            "RSS feed": reverse("news:rss"),
            "Atom feed": reverse("news:atom"),
            "sitemap index": reverse("sitemap"),
            "news sitemap": reverse("sitemap-part", kwargs={"section": "news", "number": part_number(news.pk)}),
        }


def count_queries(client, urls):
    counts = {}
    for page, url in urls.items():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, f"{page} {url} answers {response.status_code}"
        counts[page] = len(queries)
    return counts


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_public_page_runs_as_many_queries_with_1000_news_items_as_with_10(client, shipped_content, code):
    add_news_items(10)
    urls = page_urls(code)
    with_10 = count_queries(client, urls)
    add_news_items(990, start=10)
    with_1000 = count_queries(client, urls)
    assert with_1000 == with_10
    assert {page: count for page, count in with_1000.items() if count > MOST_QUERIES_PER_PAGE} == {}


def items_each_left_out_by_one_filter(asked, moment):
    """{filter: an item that matches every other filter in `asked`}, published at `moment` unless its
    filter is the year: each filter alone keeps its item out of the list."""
    matching = {"kind": asked["kind"], "published_at": moment}
    lead = {"en": "Lead."}
    left_out = {
        "kind": make_news(
            {"title": {"en": "Sládková, another kind"}, "lead": lead},
            **{**matching, "kind": next(kind for kind in KINDS if kind != asked["kind"])},
        ),
        "year": make_news(
            {"title": {"en": "Sládková, a year earlier"}, "lead": lead},
            **{**matching, "published_at": moment - datetime.timedelta(days=366)},
        ),
        "programme": make_news({"title": {"en": "Sládková, in no programme"}, "lead": lead}, **matching),
        "q": make_news({"title": {"en": "Without the searched name"}, "lead": lead}, **matching),
    }
    programme = Programme.objects.get(key=asked["programme"])
    for name in ("kind", "year", "q"):
        left_out[name].programmes.add(programme)
    return left_out


def test_the_filtered_news_list_shows_exactly_the_generated_items_that_match_every_filter(client, shipped_content):
    generated = add_news_items(30)
    url = page_urls("en")["news list filtered and searched"]
    asked = dict(parse_qsl(urlsplit(url).query))
    left_out = items_each_left_out_by_one_filter(asked, moment=generated[0].published_at)
    with translation.override("en"):
        response = client.get(url)
    listed = [item.title_en for item in response.context["paginator"].object_list]
    expected = [
        item.title_en
        for item in generated
        if item.kind == asked["kind"] and timezone.localtime(item.published_at).year == int(asked["year"])
    ]
    assert [f"{name} filter ignored" for name, item in left_out.items() if item.title_en in listed] == []
    assert listed == expected
    assert response.context["paginator"].count == len(expected) > 0
