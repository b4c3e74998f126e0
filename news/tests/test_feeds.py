import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from testing.site_content import make_news

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "path", "expected"),
    [
        ("en", "/en/news/rss/", ["25 years of IOM in Czechia", "Summer School opens"]),
        ("cs", "/cs/aktuality/rss/", ["25 let IOM v Česku", "Příběh paní Sládkové"]),
        ("uk", "/uk/novyny/rss/", ["25 років МОМ у Чехії"]),
    ],
)
def test_the_rss_feed_of_a_language_lists_only_items_available_in_it(client, site, code, path, expected):
    with translation.override(code):
        response = client.get(path)
    channel = ET.fromstring(response.content).find("channel")
    assert response["Content-Type"].startswith("application/rss+xml")
    assert channel.findtext("language") == code
    assert [item.findtext("title") for item in channel.iter("item")] == expected
    assert all(item.findtext("link").startswith(f"http://127.0.0.1:8000/{code}/") for item in channel.iter("item"))


@pytest.mark.django_db
def test_the_atom_feed_links_each_entry_to_its_page_in_that_language(client, site):
    with translation.override("cs"):
        response = client.get("/cs/aktuality/atom/")
    feed = ET.fromstring(response.content)
    links = [entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")]
    assert links == [
        "http://127.0.0.1:8000/cs/aktuality/25-let-iom-v-cesku/",
        "http://127.0.0.1:8000/cs/aktuality/pribeh-pani-sladkove/",
    ]


@pytest.mark.django_db
def test_a_feed_holds_the_latest_twenty_items(client, site):
    for n in range(25):
        make_news({"title": {"en": f"Item {n:02d}"}, "lead": {"en": "Lead"}}, days_ago=n / 10)
    with translation.override("en"):
        channel = ET.fromstring(client.get("/en/news/rss/").content).find("channel")
    titles = [item.findtext("title") for item in channel.iter("item")]
    assert titles == [f"Item {n:02d}" for n in range(20)]


@pytest.mark.django_db
def test_every_page_announces_the_feeds_of_its_language(client, site):
    with translation.override("uk"):
        html = client.get("/uk/istoriia/").content.decode()
    assert 'type="application/rss+xml" title="' in html and 'href="/uk/novyny/rss/"' in html
    assert 'href="/uk/novyny/atom/"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "entry", "title", "description"),
    [
        ("/en/news/rss/", "channel/item", "title", "description"),
        ("/en/news/atom/", f"{ATOM}entry", f"{ATOM}title", f"{ATOM}summary"),
    ],
)
def test_a_lead_with_markup_reaches_feed_readers_as_text_not_as_html(client, site, path, entry, title, description):
    make_news({"title": {"en": "Markup in the lead"}, "lead": {"en": "Say <b>no</b> to trafficking & abuse"}})
    with translation.override("en"):
        feed = ET.fromstring(client.get(path).content)
    descriptions = {item.findtext(title): item.findtext(description) for item in feed.findall(entry)}
    # A reader decodes the XML, then renders the description as HTML: the tags must arrive escaped.
    assert descriptions["Markup in the lead"] == "Say &lt;b&gt;no&lt;/b&gt; to trafficking &amp; abuse"
