"""The admin in a real Chromium: language tabs work with jQuery UI served by the site itself."""

import pytest

from news.models import NewsItem
from testing.chromium import sign_in

pytestmark = pytest.mark.browser

PASSWORD = "a long test password 1"


def test_the_news_form_has_one_working_tab_per_language_without_another_host(live_site, django_user_model):
    django_user_model.objects.create_superuser("chief", password=PASSWORD)
    item = NewsItem.objects.order_by("pk").first()
    with live_site.open("/admin/login/") as page:
        sign_in(page, "chief", PASSWORD)
        page.goto(f"{live_site.url}/admin/news/newsitem/{item.pk}/change/")
        tabs = page.locator("div.ui-tabs", has=page.locator("#id_title_en"))
        assert tabs.locator(".ui-tabs-nav a").all_text_contents() == ["en", "cs", "uk"]
        assert page.locator("#id_title_en").is_visible() and not page.locator("#id_title_cs").is_visible()
        tabs.locator(".ui-tabs-nav a").nth(1).click()
        assert page.locator("#id_title_cs").is_visible() and not page.locator("#id_title_en").is_visible()
        assert page.locator("#id_title_cs").input_value() == item.title_cs
    assert live_site.foreign_requests == []
    assert live_site.console_errors == []
