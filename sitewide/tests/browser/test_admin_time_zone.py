"""Each admin user's language and time zone in a real Chromium: chosen on the Preferences page, and
the date-time fields' note about the browser's clock, which must name the admin's zone rather than
Django's "You are N hours behind server time"."""

import pytest

from core.models import AdminPreferences
from news.models import NewsItem

pytestmark = pytest.mark.browser

PASSWORD = "a long test password 1"


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", password=PASSWORD)


def sign_in(live_site, browser_zone, locale="en-GB"):
    return live_site.signed_in("chief", PASSWORD, timezone_id=browser_zone, locale=locale)


def time_zone_notes(live_site, page):
    item = NewsItem.objects.order_by("pk").first()
    page.goto(f"{live_site.url}/admin/news/newsitem/{item.pk}/change/")
    return page.locator(".field-published_at .timezonewarning").all_text_contents()


@pytest.mark.parametrize(
    ("browser_zone", "admin_zone"),
    [("Europe/Prague", "Europe/Prague"), ("Europe/Kyiv", "Europe/Kyiv"), ("America/New_York", "America/New_York")],
)
def test_no_note_when_the_browser_is_in_the_admins_zone(live_site, chief, browser_zone, admin_zone):
    AdminPreferences.objects.create(user=chief, time_zone=admin_zone)
    context, page = sign_in(live_site, browser_zone)
    try:
        assert time_zone_notes(live_site, page) == []
    finally:
        context.close()
    assert live_site.console_errors == []


def test_a_browser_in_another_zone_is_told_which_zone_times_are_in(live_site, chief):
    context, page = sign_in(live_site, "UTC", locale="cs-CZ")
    try:
        notes = time_zone_notes(live_site, page)
        assert notes == [
            "Časy se zadávají a zobrazují v časovém pásmu Europe/Prague, ne v pásmu vašeho počítače. "
            "Změnit ho můžete v Nastavení."
        ]
        assert "server" not in page.content()
    finally:
        context.close()


def test_choosing_a_language_and_zone_on_the_preferences_page(live_site, chief):
    context, page = sign_in(live_site, "Europe/Kyiv")
    try:
        assert len(time_zone_notes(live_site, page)) == 1
        page.goto(f"{live_site.url}/admin/")
        page.get_by_role("link", name="Preferences").click()
        page.locator("#id_language").select_option("uk")
        page.locator("#id_time_zone").select_option("Europe/Kyiv")
        page.get_by_role("button", name="Save").click()
        assert page.locator("html").get_attribute("lang") == "uk"
        assert page.locator(".messagelist").inner_text() == "Налаштування збережено."
        assert page.locator("#id_time_zone").input_value() == "Europe/Kyiv"
        assert time_zone_notes(live_site, page) == []
    finally:
        context.close()
    preferences = AdminPreferences.objects.get(user=chief)
    assert (preferences.language, preferences.time_zone) == ("uk", "Europe/Kyiv")
    assert live_site.console_errors == []
