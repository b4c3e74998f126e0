import xml.etree.ElementTree as ET

import pytest

from testing.site_content import build_site

SITE = "http://127.0.0.1:8000"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
def sitemap(client, db):
    build_site()
    root = ET.fromstring(client.get("/sitemap.xml").content)
    return {
        url.findtext("s:loc", namespaces=NS): {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_the_sitemap_lists_each_item_once_per_language_it_exists_in(sitemap):
    news = sorted(loc for loc in sitemap if "/news/" in loc or "/aktuality/" in loc or "/novyny/" in loc)
    assert news == sorted(
        SITE + path
        for path in [
            "/en/news/",
            "/cs/aktuality/",
            "/uk/novyny/",
            "/en/news/25-years-of-iom-in-czechia/",
            "/cs/aktuality/25-let-iom-v-cesku/",
            "/uk/novyny/25-rokiv-mom-u-chekhii/",
            "/en/news/summer-school-opens/",
            "/cs/aktuality/pribeh-pani-sladkove/",
        ]
    )


def test_sitemap_alternates_name_exactly_the_items_languages_and_an_x_default(sitemap):
    assert sitemap[SITE + "/cs/programy/projekty/navraty-a-reintegrace-2018-2022/"] == {
        "en": SITE + "/en/programmes/projects/return-and-reintegration-2018-2022/",
        "cs": SITE + "/cs/programy/projekty/navraty-a-reintegrace-2018-2022/",
        "x-default": SITE + "/en/programmes/projects/return-and-reintegration-2018-2022/",
    }
    assert sitemap[SITE + "/cs/aktuality/pribeh-pani-sladkove/"] == {
        "cs": SITE + "/cs/aktuality/pribeh-pani-sladkove/",
        "x-default": SITE + "/cs/aktuality/pribeh-pani-sladkove/",
    }


def test_the_sitemap_names_every_section_page_in_every_language(sitemap):
    assert sitemap[SITE + "/uk/istoriia/"] == {
        "en": SITE + "/en/history/",
        "cs": SITE + "/cs/historie/",
        "uk": SITE + "/uk/istoriia/",
        "x-default": SITE + "/en/history/",
    }
    assert {SITE + "/en/", SITE + "/cs/", SITE + "/uk/", SITE + "/uk/prohramy/"} <= set(sitemap)


@pytest.mark.django_db
def test_past_the_protocols_limit_the_sitemap_becomes_an_index_of_its_parts(client, monkeypatch):
    build_site()
    monkeypatch.setattr("sitewide.sitemap.URLS_PER_FILE", 10)
    index = ET.fromstring(client.get("/sitemap.xml").content)
    parts = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    second = ET.fromstring(client.get("/sitemap.xml", {"p": "2"}).content)
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert parts[:2] == [SITE + "/sitemap.xml?p=1", SITE + "/sitemap.xml?p=2"]
    assert len(second.findall("s:url", NS)) == 10
    assert client.get("/sitemap.xml", {"p": str(len(parts) + 1)}).status_code == 404
