"""RSS 2.0 and Atom files (e.g. an old site's export) read as news items in one language.

The XML is first checked with defusedxml, which refuses DTDs and entity declarations (XML
bombs, external entities); only then does feedparser map the feed's dialect onto entries.
Images are never fetched from other hosts: each one is reported as skipped.
"""

import calendar
import datetime
import html
from urllib.parse import urlsplit

import feedparser
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from django.utils.html import strip_tags
from django.utils.text import Truncator

from core.i18n import LANGUAGE_CODES
from core.text import ascii_slug

from .errors import ContentError

FEED_SUFFIXES = (".xml", ".rss", ".atom")
LEAD_WORDS = 60


def plain(text):
    return " ".join(html.unescape(strip_tags(text or "")).split())


def entry_key(entry):
    """A stable key from the entry's link (its last path segment) or, failing that, its id."""
    for source in (entry.get("link"), entry.get("id")):
        if source:
            path = urlsplit(source).path.rstrip("/")
            key = ascii_slug(path.rsplit("/", 1)[-1] or source, max_length=100)
            if key:
                return key
    return None


def entry_date(entry):
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    moment = datetime.datetime.fromtimestamp(calendar.timegm(parsed), tz=datetime.UTC)
    return moment.isoformat()


def feed_language(path, parsed, given):
    if given:
        return given
    declared = (parsed.feed.get("language") or "").split("-")[0].strip().lower()
    if not declared:
        raise ContentError("the feed names no language: give it with --language", path=path)
    if declared not in LANGUAGE_CODES:
        raise ContentError(
            f'the feed\'s language "{declared}" is not one of {", ".join(LANGUAGE_CODES)}: give --language',
            path=path,
        )
    return declared


def images(entry):
    urls = [item.get("href") or item.get("url") for item in entry.get("enclosures", [])]
    urls += [item.get("url") for item in entry.get("media_content", [])]
    urls += [item.get("url") for item in entry.get("media_thumbnail", [])]
    return [url for url in urls if url]


def read_feed(path, raw, language, warn):
    """(language, iterator of (entry number, record)) for a feed file; `warn` hears skipped images."""
    data = raw.read()
    try:
        fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ContentError("declares a DTD or entities, which are refused in imported feeds", path=path) from None
    except ParseError as error:
        line, column = error.position
        reason = str(error).split(":")[0]
        raise ContentError(f"is not well-formed XML ({reason} at line {line}, column {column})", path=path) from None
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.version:
        raise ContentError("is not an RSS 2.0 or Atom feed", path=path)
    language = feed_language(path, parsed, language)
    return language, entries(path, parsed, language, warn)


def entries(path, parsed, language, warn):
    for number, entry in enumerate(parsed.entries, 1):
        key = entry_key(entry)
        if not key:
            raise ContentError("has no link or id to make a key from", path=path, index=number, unit="entry")
        body = entry["content"][0].get("value") if entry.get("content") else None
        summary = plain(entry.get("summary"))
        if body and summary == plain(body):
            summary = ""
        lead = summary or Truncator(plain(body)).words(LEAD_WORDS)
        for url in images(entry):
            warn(f'{path}: entry {number} (key "{key}"): image {url} skipped: images are not fetched from other hosts')
        yield (
            number,
            {
                "model": "news.newsitem",
                "key": key,
                "title": {language: plain(entry.get("title")) or None},
                "lead": {language: lead or None},
                "body": {language: body},
                "status": "published",
                "published_at": entry_date(entry),
            },
        )
