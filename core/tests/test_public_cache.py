"""The sitemap and the news list's counts come from a cache that never shows stale content."""

import datetime
import types

import pytest
from django.conf import settings
from django.core.cache.backends import locmem
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core.models import Status
from testing.site_content import make_news
from testing.sitemaps import listed_locations


def sitemap_text(client):
    """Every URL the sitemaps list, read as a crawler reads them: the index, then each sitemap it names."""
    return " ".join(listed_locations(client))


def listed_count(client, query=""):
    with translation.override("en"):
        return client.get(f"/en/news/{query}").context["paginator"].count


def move_clock_to(monkeypatch, moment):
    """Let the database filters and the local-memory cache's expiry both believe it is `moment`."""
    monkeypatch.setattr(timezone, "now", lambda: moment)
    monkeypatch.setattr(locmem, "time", types.SimpleNamespace(time=moment.timestamp))


@pytest.mark.django_db
def test_an_item_published_after_the_sitemap_was_cached_is_listed_at_once(client, site):
    assert "/en/news/fresh-news/" not in sitemap_text(client)
    make_news({"title": {"en": "Fresh news"}, "lead": {"en": "Just published."}})
    assert "/en/news/fresh-news/" in sitemap_text(client)


@pytest.mark.django_db
def test_an_item_turned_back_into_a_draft_leaves_the_cached_sitemap_at_once(client, site):
    item = make_news({"title": {"en": "Withdrawn news"}, "lead": {"en": "Published by mistake."}})
    assert "/en/news/withdrawn-news/" in sitemap_text(client)
    item.status = Status.DRAFT
    item.save()
    assert "/en/news/withdrawn-news/" not in sitemap_text(client)


@pytest.mark.django_db
def test_the_cached_sitemap_lasts_no_longer_than_until_the_next_scheduled_item_goes_live(client, site, monkeypatch):
    due = timezone.now() + datetime.timedelta(minutes=2)
    make_news({"title": {"en": "Scheduled release"}, "lead": {"en": "Embargoed."}}, published_at=due)
    assert "/en/news/scheduled-release/" not in sitemap_text(client)

    move_clock_to(monkeypatch, due - datetime.timedelta(seconds=5))
    with CaptureQueriesContext(connection) as queries:
        assert "/en/news/scheduled-release/" not in sitemap_text(client)
    # Every sitemap comes from the cache: each request reads the content version, and nothing else.
    assert queries.captured_queries
    assert all("contentversion" in query["sql"] for query in queries.captured_queries)

    move_clock_to(monkeypatch, due + datetime.timedelta(seconds=1))
    assert "/en/news/scheduled-release/" in sitemap_text(client)


@pytest.mark.django_db
def test_the_news_lists_cached_count_follows_new_items_and_programme_links(client, site):
    programme = site["avrr"]
    before, before_in_programme = listed_count(client), listed_count(client, f"?programme={programme.key}")
    item = make_news({"title": {"en": "Counted news"}, "lead": {"en": "One more."}})
    assert listed_count(client) == before + 1
    assert listed_count(client, f"?programme={programme.key}") == before_in_programme
    item.programmes.add(programme)
    assert listed_count(client, f"?programme={programme.key}") == before_in_programme + 1


@pytest.mark.django_db
def test_an_import_makes_the_cached_sitemap_stale_although_it_writes_in_bulk(client):
    assert "/en/news/iom-marks-25-years-in-czechia/" not in sitemap_text(client)
    call_command("import_content", str(settings.BASE_DIR / "data"), verbosity=0)
    assert "/en/news/iom-marks-25-years-in-czechia/" in sitemap_text(client)
