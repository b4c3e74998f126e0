"""The admin in Chromium: the add form fills in slugs exactly as the server makes them from the same
title, and the home page's search box finds content however its words are spelled."""

import pytest

from core.text import ascii_slug
from history.models import Director

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLES = {
    "en": "IOM’s 25 years in Czechia — 1997–2023",
    "cs": "Integrační centrum v Ústí: Čáp a žluťoučký kůň",
    "uk": "Згурський у Києві: єдність, Юрій та п’ять ідей для Їжакевича",
}


def type_title(page, code, text):
    tabs = page.locator("div.ui-tabs", has=page.locator("#id_title_en"))
    tabs.locator(".ui-tabs-nav a").nth(["en", "cs", "uk"].index(code)).click()
    page.locator(f"#id_title_{code}").click()
    page.keyboard.type(text)
    page.keyboard.press("Tab")


@pytest.mark.parametrize("url", ["/admin/news/newsitem/add/", "/admin/programmes/programme/add/"])
def test_the_prepopulated_slug_is_the_servers_slug_of_the_typed_title(admin_page, live_server, url):
    admin_page.goto(live_server.url + url)
    for code, title in TITLES.items():
        type_title(admin_page, code, title)
    for code, title in TITLES.items():
        assert admin_page.locator(f"#id_slug_{code}").input_value() == ascii_slug(title), code
    assert (
        admin_page.locator("#id_slug_uk").input_value()
        == "zghurskyi-u-kyievi-yednist-yurii-ta-piat-idei-dlia-yizhakevycha"
    )
    assert admin_page.errors == []


def test_a_slug_typed_by_hand_is_left_alone(admin_page, live_server):
    admin_page.goto(live_server.url + "/admin/news/newsitem/add/")
    admin_page.locator("#id_slug_en").click()
    admin_page.keyboard.type("my-own-slug")
    type_title(admin_page, "en", "Київ")
    assert admin_page.locator("#id_slug_en").input_value() == "my-own-slug"


def test_the_home_pages_search_box_finds_cyrillic_from_latin_and_links_to_the_item(admin_page, live_server):
    director = Director.objects.create(name="Петро Чап", role_en="Head of office")
    admin_page.goto(live_server.url + "/admin/")
    admin_page.get_by_label("Search all content").click()
    admin_page.keyboard.type("cap")
    admin_page.keyboard.press("Enter")
    admin_page.wait_for_url("**/admin/search/?q=cap")
    link = admin_page.locator(".content-search-results a", has_text="Петро Чап")
    assert link.count() == 1
    link.click()
    admin_page.wait_for_url(f"**/admin/history/director/{director.pk}/change/")
    assert admin_page.locator("#id_name").input_value() == "Петро Чап"
