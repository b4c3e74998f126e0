"""The news list stays light on a phone: at most 60 KB of HTML, CSS and JavaScript before images.

Bytes are counted uncompressed, as the server renders them and as the static files lie on disk,
so compression on the wire only makes the page lighter than measured.
"""

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from core.i18n import LANGUAGE_CODES
from testing.fake_content import add_news_items

MOST_BYTES = 60 * 1024
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?\s*["']?([^"')\s;]+)""")


class AssetFinder(HTMLParser):
    """Collects the style sheets and scripts a page makes the browser load."""

    def __init__(self):
        super().__init__()
        self.assets = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        rel = (attrs.get("rel") or "").lower().split()
        if tag == "script" and attrs.get("src"):
            self.assets.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            preloads_code = ("preload" in rel or "modulepreload" in rel) and attrs.get("as") in {"script", "style"}
            if "stylesheet" in rel or "modulepreload" in rel or preloads_code:
                self.assets.append(attrs["href"])


def static_file(url):
    """The bytes of a static file the site serves at `url`; a missing file fails the test."""
    parts = urlsplit(url)
    assert not parts.netloc and parts.path.startswith(settings.STATIC_URL), f"{url} is not a static file of the site"
    found = finders.find(parts.path.removeprefix(settings.STATIC_URL))
    assert found, f"{url} is missing from the static files"
    with open(found, "rb") as file:
        return file.read()


def weight_of(html):
    """{URL: bytes} of the page itself and every style sheet (with its imports) and script it loads."""
    finder = AssetFinder()
    finder.feed(html.decode())
    weights = {"HTML": len(html)}
    pending = list(finder.assets)
    while pending:
        url = pending.pop()
        if url in weights:
            continue
        content = static_file(url)
        weights[url] = len(content)
        if urlsplit(url).path.endswith(".css"):
            pending += [urljoin(url, name) for name in CSS_IMPORT.findall(content.decode())]
    return weights


def test_a_full_news_list_weighs_at_most_60_kb_before_images_in_every_language(client, shipped_content):
    add_news_items(20)
    weights = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            response = client.get(reverse("news:list"))
        assert response.status_code == 200
        assert len(response.context["page_obj"].object_list) == 10, "the first page should be full"
        weights[code] = weight_of(response.content)
    totals = {code: sum(parts.values()) for code, parts in weights.items()}
    assert all(total <= MOST_BYTES for total in totals.values()), weights


def test_the_weight_counts_the_style_sheets_and_scripts_a_page_loads(client, shipped_content):
    with translation.override("en"):
        response = client.get(reverse("news:list"))
    weights = weight_of(response.content)
    style_sheets = [url for url in weights if url.endswith(".css")]
    assert style_sheets, "the news list loads no style sheet?"
    assert weights[style_sheets[0]] == len(static_file(style_sheets[0])) > 0
