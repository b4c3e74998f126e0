"""The publishing workflow in a real Chromium, with real clicks and typing: an Editor's draft of a
live press release stays off the public page until a Publisher publishes it; sent back with a
comment; discarded."""

import contextlib

import pytest

from news.models import NewsItem
from testing.admin_support import user_in
from testing.chromium import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "a long test password 1"


def person(role, email=""):
    user = user_in(role)
    user.set_password(PASSWORD)
    user.email = email
    user.save()
    return user


@contextlib.contextmanager
def signed_in(live_site, user):
    """A browser tab of its own, signed in to the admin as `user` by typing and clicking."""
    with live_site.open("/admin/login/") as page:
        sign_in(page, user.username, PASSWORD)
        yield page


def public_text(live_site, item):
    with live_site.open(item.get_absolute_url()) as page:
        return page.locator("main").inner_text()


def replace_text(page, selector, text):
    page.locator(selector).click()
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def edit_as_editor(page, live_site, item, lead):
    page.goto(f"{live_site.url}/admin/news/newsitem/{item.pk}/change/")
    replace_text(page, "#id_lead_en", lead)
    page.locator("input[name=_save_draft]").click()
    page.wait_for_load_state()
    assert "Draft saved" in page.locator(".messagelist").inner_text()
    assert "A newer draft exists" in page.locator("#workflow").inner_text()


def submit_for_review(page, comment):
    page.locator("#workflow-submit-comment").click()
    page.keyboard.type(comment)
    page.locator("#workflow-submit button").click()
    page.wait_for_load_state()
    assert "Submitted for review" in page.locator(".messagelist").inner_text()


@pytest.fixture
def press_release(live_site):
    return NewsItem.objects.filter(kind=NewsItem.Kind.PRESS_RELEASE, status="published").order_by("pk").first()


def test_an_editors_correction_goes_live_only_when_a_publisher_publishes_it(live_site, press_release, smtp):
    item = press_release
    editor, publisher = person("Editor", "editor@example.org"), person("Publisher", "publisher@example.org")
    live = public_text(live_site, item)
    with signed_in(live_site, editor) as page:
        edit_as_editor(page, live_site, item, "A corrected lead, not yet approved.")
        assert public_text(live_site, item) == live
        submit_for_review(page, "The minister's name was wrong.")
        assert page.locator(".workflow-state").inner_text() == "Live with a newer draft in review"
    assert public_text(live_site, item) == live
    ((recipients, message),) = smtp.wait_for(1)
    assert recipients == ["publisher@example.org"] and "The minister's name was wrong." in smtp.body(message)
    with signed_in(live_site, publisher) as page:
        panel = page.locator("#panel-review")
        assert "The minister's name was wrong." in panel.inner_text()
        panel.get_by_role("link", name=str(item)).click()
        page.wait_for_load_state()
        page.locator("#workflow-publish button").click()
        page.wait_for_load_state()
        assert "Published" in page.locator(".messagelist").inner_text()
        assert page.locator(".workflow-state").inner_text() == "Live"
    assert "A corrected lead, not yet approved." in public_text(live_site, item)
    assert "Published" in smtp.wait_for(2)[1][1]["Subject"]
    assert live_site.console_errors == [] and live_site.foreign_requests == []


def test_a_publisher_sends_a_draft_back_with_a_comment_the_editor_then_reads(live_site, press_release):
    item = press_release
    editor, publisher = person("Editor"), person("Publisher")
    live = public_text(live_site, item)
    with signed_in(live_site, editor) as page:
        edit_as_editor(page, live_site, item, "A lead that needs work.")
        submit_for_review(page, "Is this right?")
    with signed_in(live_site, publisher) as page:
        page.goto(f"{live_site.url}/admin/news/newsitem/?state=review")
        page.get_by_role("link", name=str(item)).first.click()
        page.wait_for_load_state()
        page.locator("#workflow-send-back-comment").click()
        page.keyboard.type("Please add the date of the event.")
        page.locator("#workflow-send-back button").click()
        page.wait_for_load_state()
        assert "Sent back" in page.locator(".messagelist").inner_text()
    with signed_in(live_site, editor) as page:
        assert "Please add the date of the event." in page.locator("#panel-mine").inner_text()
        page.goto(f"{live_site.url}/admin/news/newsitem/{item.pk}/change/")
        assert "Please add the date of the event." in page.locator(".workflow-returned-note").inner_text()
        assert page.locator("#id_lead_en").input_value() == "A lead that needs work."
    assert public_text(live_site, item) == live


def test_an_editor_discards_a_draft_and_the_live_version_stays(live_site, press_release):
    item = press_release
    editor = person("Editor")
    live = public_text(live_site, item)
    with signed_in(live_site, editor) as page:
        edit_as_editor(page, live_site, item, "Second thoughts.")
        page.locator("#workflow-discard button").click()
        page.wait_for_load_state()
        assert "discarded" in page.locator(".messagelist").inner_text()
        assert page.locator("#id_lead_en").input_value() == item.lead_en
        assert page.locator(".workflow-state").inner_text() == "Live"
    assert public_text(live_site, item) == live
