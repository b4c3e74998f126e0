"""A Publisher schedules a live press release's corrected draft in a real Chromium, typing the time
into the browser's own date-and-time picker; the draft goes live by itself after that time."""

import datetime

import pytest
from django.utils import timezone

from core.models import Draft
from news.models import NewsItem
from sitewide.tests.browser.test_workflow_browser import (
    edit_as_editor,
    person,
    public_text,
    signed_in,
    submit_for_review,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def press_release(live_site):
    return NewsItem.objects.filter(kind=NewsItem.Kind.PRESS_RELEASE, status="published").order_by("pk").first()


def test_a_publisher_schedules_a_live_items_draft_with_the_picker(live_site, press_release):
    item = press_release
    editor, publisher = person("Editor"), person("Publisher")
    live = public_text(live_site, item)
    with signed_in(live_site, editor) as page:
        edit_as_editor(page, live_site, item, "A corrected lead for the press conference.")
        submit_for_review(page, "Please publish it at the press conference.")
    with signed_in(live_site, publisher) as page:
        page.goto(f"{live_site.url}/admin/news/newsitem/{item.pk}/change/")
        page.locator("#workflow-publish-at").click()
        page.keyboard.type("01022030")  # Chromium's en-US picker: month, day, year
        page.keyboard.press("Tab")
        page.keyboard.type("0830AM")
        page.locator("#workflow-publish button").click()
        page.wait_for_load_state()
        assert "Scheduled" in page.locator(".messagelist").inner_text()
        state = page.locator(".workflow-state").inner_text()
        assert state.startswith("Live with a newer draft scheduled for Jan. 2, 2030, 8:30"), state
    draft = Draft.objects.get()
    assert draft.publish_at == datetime.datetime(2030, 1, 2, 7, 30, tzinfo=datetime.UTC)
    assert public_text(live_site, item) == live
    # The time comes: the next reader's request publishes the draft.
    Draft.objects.update(publish_at=timezone.now() - datetime.timedelta(seconds=1))
    assert "A corrected lead for the press conference." in public_text(live_site, item)
    assert not Draft.objects.exists()
    assert live_site.console_errors == [] and live_site.foreign_requests == []
