"""Every page type, in every language it exists in: <html lang>, canonical, hreflang, OpenGraph."""

import pytest
from django.utils import translation

from core.i18n import url_in_language
from testing.site_content import head_of

SITE = "http://127.0.0.1:8000"
SECTIONS = {
    "home": {"en": "/en/", "cs": "/cs/", "uk": "/uk/"},
    "news": {"en": "/en/news/", "cs": "/cs/aktuality/", "uk": "/uk/novyny/"},
    "history": {"en": "/en/history/", "cs": "/cs/historie/", "uk": "/uk/istoriia/"},
    "programmes": {"en": "/en/programmes/", "cs": "/cs/programy/", "uk": "/uk/prohramy/"},
}
# Each item of the test site, and the languages it is available in.
ITEMS = {
    "anniversary": ["en", "cs", "uk"],
    "english_only": ["en"],
    "czech_story": ["cs"],
    "avrr": ["en", "cs", "uk"],
    "research": ["en"],
    "project": ["en", "cs"],
}


def expected_alternates(urls):
    alternates = {code: SITE + path for code, path in urls.items()}
    alternates["x-default"] = alternates.get("en") or next(iter(alternates.values()))
    return alternates


@pytest.mark.django_db
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("code", ["en", "cs", "uk"])
def test_section_pages_name_their_language_canonical_and_every_alternate(client, section, code):
    urls = SECTIONS[section]
    with translation.override(code):
        response = client.get(urls[code])
    head = head_of(response)
    assert response.status_code == 200
    assert (head.lang, head.canonical) == (code, SITE + urls[code])
    assert head.alternates == expected_alternates(urls)
    assert head.meta["og:locale"] == [{"en": "en_GB", "cs": "cs_CZ", "uk": "uk_UA"}[code]]
    assert len(head.meta["og:locale:alternate"]) == 2


@pytest.mark.parametrize("name", ITEMS)
def test_item_pages_name_exactly_the_languages_the_item_exists_in(client, site, name):
    item = site[name]
    urls = {code: url_in_language(item, code) for code in ITEMS[name]}
    for code, path in urls.items():
        with translation.override(code):
            response = client.get(path)
        head = head_of(response)
        assert response.status_code == 200, path
        assert (head.lang, head.canonical) == (code, SITE + path)
        assert head.alternates == expected_alternates(urls)
        assert head.meta["og:image"][0].startswith(SITE + "/static/")
        assert head.meta["og:title"] == [item.column("title", code)]


@pytest.mark.parametrize("name", ITEMS)
def test_the_switcher_on_an_item_page_leads_to_the_item_in_each_language_or_to_its_section(client, site, name):
    item = site[name]
    code = ITEMS[name][0]
    with translation.override(code):
        switcher = head_of(client.get(url_in_language(item, code))).switcher
    section = "news" if name in ("anniversary", "english_only", "czech_story") else "programmes"
    for other in {"en", "cs", "uk"} - {code}:
        expected = url_in_language(item, other) if other in ITEMS[name] else SECTIONS[section][other]
        assert switcher[other] == expected


def test_the_news_items_switcher_uses_each_languages_own_slug(client, site):
    with translation.override("uk"):
        switcher = head_of(client.get("/uk/novyny/25-rokiv-mom-u-chekhii/")).switcher
    assert switcher == {"en": "/en/news/25-years-of-iom-in-czechia/", "cs": "/cs/aktuality/25-let-iom-v-cesku/"}
