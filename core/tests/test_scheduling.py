"""Issue 4 §1 on the public side, in Chromium: a scheduled news item goes live by itself at its
time (no cron job, no worker, no cache keeping it hidden) and a draft never leaks out."""

import datetime
import time

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Status
from news.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, reset_sequences=True)]


def news_item(title, **fields):
    with translation.override("en"):
        return NewsItem.objects.create(title_en=title, lead_en=f"Lead of {title}.", **fields)


def listings():
    """The news list, both feeds and the news sitemap: every place an item is listed.

    The items of these tests share the first news sitemap: it holds the first 250 primary keys,
    and each test starts its primary keys from 1.
    """
    with translation.override("en"):
        news_sitemap = reverse("sitemap-part", kwargs={"section": "news", "number": 1})
        return [reverse("news:list"), reverse("news:rss"), reverse("news:atom"), news_sitemap]


def listed(page, base_url, item):
    """{listing: whether it names the item}, as Chromium receives each listing now."""
    found = {}
    for path in listings():
        response = page.goto(base_url + path)
        assert response.status == 200, path
        body = response.text()
        found[path] = item.slug_en in body or item.title_en in body
    return found


def test_a_scheduled_item_appears_by_itself_at_its_time_and_a_draft_never_does(chromium, live_server):
    past = timezone.now() - datetime.timedelta(hours=1)
    live = news_item("Already live", status=Status.PUBLISHED, published_at=past)
    draft = news_item("Still a draft", status=Status.DRAFT, published_at=past)
    page = chromium.new_page()
    try:
        started = time.monotonic()
        assert all(listed(page, live_server.url, live).values())
        # Scheduled far enough ahead for the first look to finish before its time, however slow
        # the machine: three times as long as one look took, and at least five seconds.
        delay = max(5.0, 3 * (time.monotonic() - started))
        due = timezone.now() + datetime.timedelta(seconds=delay)
        scheduled = news_item("Scheduled release", status=Status.PUBLISHED, published_at=due)

        before = listed(page, live_server.url, scheduled)
        assert timezone.now() < due, "the first look took longer than the item's delay"
        assert before == dict.fromkeys(listings(), False)

        time.sleep(max(0.0, (due - timezone.now()).total_seconds()) + 0.5)
        assert listed(page, live_server.url, scheduled) == dict.fromkeys(listings(), True)
        assert listed(page, live_server.url, draft) == dict.fromkeys(listings(), False)
    finally:
        page.close()
    draft.refresh_from_db()
    scheduled.refresh_from_db()
    assert (draft.status, scheduled.status) == (Status.DRAFT, Status.PUBLISHED)


def test_a_draft_page_is_not_found_by_the_public(chromium, live_server):
    draft = news_item("Hidden draft", status=Status.DRAFT)
    with translation.override("en"):
        path = draft.get_absolute_url()
    page = chromium.new_page()
    try:
        assert page.goto(live_server.url + path).status == 404
    finally:
        page.close()
