"""import_content reads RSS 2.0 and Atom files as news in one language, never fetching images."""

import datetime

import pytest
from django.core.management import CommandError

from news.models import NewsItem

from .test_import import _Out, database_state, import_content

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>IOM Česko</title><link>https://old.example.org/</link><language>cs-CZ</language>
  <item>
    <title>Pomoc obcím</title>
    <link>https://old.example.org/zpravy/pomoc-obcim/</link>
    <description>Obce dostaly &lt;b&gt;podporu&lt;/b&gt;.</description>
    <content:encoded><![CDATA[<p>Obce dostaly podporu.</p><script>x()</script>]]></content:encoded>
    <pubDate>Tue, 19 Dec 2023 10:00:00 +0100</pubDate>
    <enclosure url="https://old.example.org/foto.jpg" type="image/jpeg" length="100"/>
  </item>
  <item>
    <title>Letní škola</title>
    <link>https://old.example.org/zpravy/letni-skola</link>
    <description>Letní škola migrace.</description>
    <pubDate>Mon, 03 Jul 2023 09:00:00 +0200</pubDate>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>IOM Czechia</title><id>urn:example:feed</id><updated>2023-12-19T10:00:00Z</updated>
  <entry>
    <title>Helping municipalities</title>
    <link href="https://old.example.org/news/pomoc-obcim"/>
    <id>urn:example:1</id>
    <updated>2023-12-19T09:00:00Z</updated>
    <summary>Municipalities were supported.</summary>
    <content type="html">&lt;p&gt;Municipalities were supported.&lt;/p&gt;</content>
  </entry>
</feed>
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_an_rss_feed_becomes_news_in_the_language_it_declares_and_images_are_skipped(tmp_path):
    errors = _Out()
    output = import_content(write(tmp_path, "old-site.rss", RSS), stderr=errors)
    item = NewsItem.objects.get(key="pomoc-obcim")
    assert (item.title_cs, item.title_en, item.lead_cs) == ("Pomoc obcím", None, "Obce dostaly podporu.")
    assert item.body_cs == "<p>Obce dostaly podporu.</p>"
    assert item.published_at == datetime.datetime(2023, 12, 19, 9, 0, tzinfo=datetime.UTC)
    assert item.is_live
    assert NewsItem.objects.get(key="letni-skola").available_languages() == ["cs"]
    assert "image https://old.example.org/foto.jpg skipped" in errors.getvalue()
    assert output.splitlines()[-1] == "2 records: 2 were created, 0 were updated, 0 unchanged, 1 skipped (see above)."


@pytest.mark.django_db
def test_an_atom_feed_in_another_language_adds_that_language_and_keeps_the_others(tmp_path):
    import_content(write(tmp_path, "cs.rss", RSS))
    import_content(write(tmp_path, "en.atom", ATOM), language="en")
    item = NewsItem.objects.get(key="pomoc-obcim")
    assert (item.title_cs, item.title_en, item.lead_en) == (
        "Pomoc obcím",
        "Helping municipalities",
        "Municipalities were supported.",
    )
    assert item.available_languages() == ["en", "cs"]
    before = database_state()
    assert "0 were updated, 1 unchanged" in import_content(tmp_path / "en.atom", language="en")
    assert database_state() == before


@pytest.mark.django_db
def test_a_feed_without_a_language_needs_one_given(tmp_path):
    with pytest.raises(CommandError) as error:
        import_content(write(tmp_path, "en.atom", ATOM))
    assert str(error.value) == f"{tmp_path / 'en.atom'}: the feed names no language: give it with --language"
