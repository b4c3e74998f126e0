"""Two people on one item in Chromium: the second is told who is editing before typing, takes the
item over, the first hears of it, and the first one's stale save is still refused."""

import time

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from core import edit_presence
from core.models import EditPresence, Status
from news.models import NewsItem
from testing.admin_support import sample_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def signed_in(chromium, live_server):
    """A function that opens a browser context signed in as a new superuser of that name."""
    contexts = []

    def open_as(username):
        client = Client()
        client.force_login(User.objects.create_superuser(username, f"{username}@example.org", "x"))
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
        contexts.append(context)
        page = context.new_page()
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
        return page

    yield open_as
    for context in contexts:
        context.close()


def test_a_take_over_is_shown_to_both_and_the_stale_save_is_still_refused(signed_in, live_server):
    # Not yet published, so that a save writes the item itself (a published one's is a draft).
    item = sample_content()["newsitem"]
    NewsItem.objects.filter(pk=item.pk).update(status=Status.DRAFT)
    url = f"{live_server.url}/admin/news/newsitem/{item.pk}/change/"
    anna, petr = signed_in("anna"), signed_in("petr")

    # Anna's heartbeats come when the test moves her clock on: the test database (SQLite in shared
    # memory) refuses, rather than waits for, a write that meets another one.
    anna.clock.install()
    anna.goto(url)
    anna.locator("#id_lead_en").click()
    petr.goto(url)
    banner = petr.locator("#edit-presence")
    assert "Someone else is editing this item:" in banner.inner_text()
    assert "anna (opened it at" in banner.inner_text()
    assert petr.locator("#id_lead_en").count() == 0

    petr.get_by_role("button", name="Take over and edit").click()
    petr.wait_for_url(url)
    assert petr.locator("#edit-presence[role=alert]").count() == 0
    petr.locator("#id_lead_en").click()
    petr.keyboard.press("End")
    petr.keyboard.type(" Petr was here.")
    petr.locator("input[name=_continue]").click()
    petr.wait_for_url(url)
    assert NewsItem.objects.get(pk=item.pk).lead_en.endswith("Petr was here.")

    notice = anna.locator(".edit-presence-notice")
    assert notice.count() == 0
    anna.clock.run_for(edit_presence.HEARTBEAT_SECONDS * 1000)
    notice.wait_for(timeout=10_000)
    assert notice.inner_text().startswith("petr took this item over at ")
    anna.keyboard.press("End")
    anna.keyboard.type(" Anna was here.")
    anna.locator("input[name=_save]").click()
    anna.wait_for_load_state()
    assert "petr saved this item at" in " ".join(anna.locator(".errorlist").all_inner_texts())
    assert anna.locator("#id_lead_en").input_value().endswith("Anna was here.")
    assert NewsItem.objects.get(pk=item.pk).lead_en.endswith("Petr was here.")
    assert anna.errors == [] and petr.errors == []


def test_leaving_the_form_ends_the_presence_at_once(signed_in, live_server, settings):
    settings.EDIT_PRESENCE_RELEASE_ON_LEAVING = True
    item = sample_content()["newsitem"]
    anna = signed_in("anna")
    anna.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/change/")
    assert list(EditPresence.objects.values_list("user__username", flat=True)) == ["anna"]
    anna.get_by_role("link", name="News items").first.click()
    anna.wait_for_url(f"{live_server.url}/admin/news/newsitem/")
    for _attempt in range(50):
        if not EditPresence.objects.exists():
            break
        time.sleep(0.1)
    assert not EditPresence.objects.exists()
    assert anna.errors == []
