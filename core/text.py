"""Turning user text into slugs and safe HTML."""

import html
import re
from urllib.parse import urlsplit

import nh3
from anyascii import anyascii
from django.conf import settings
from django.utils.html import strip_tags

from .transliteration import slug, transliterate

RICH_TEXT_TAGS = {
    "p",
    "br",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "b",
    "i",
    "blockquote",
    "figure",
    "figcaption",
    "img",
    # Simple tables (pasted from Word or a web page, or made in the editor); cells may span.
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start"},
    "th": {"colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = {"http", "https", "mailto"}
EXTERNAL_LINK_REL = "noopener noreferrer"

# nh3 serialises every attribute as name="value" with '"' escaped, so this matches exactly
# the opening tags of links in its output.
LINK_TAG_RE = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)>')
ATTRIBUTE_RE = re.compile(r'([a-z-]+)="([^"]*)"')

# Markup of the plain form nh3 writes: allowed tags whose attributes are double-quoted, complete
# character references, and text with no other "<" or "&". In such markup every "<" opens a tag
# and no reference is unfinished, so removing the tags is exactly what strip_tags' parser does.
_REFERENCE = r"&(?:[a-zA-Z][a-zA-Z0-9]*|#[0-9]+|#[xX][0-9a-fA-F]+);"
_TAG_NAME = "|".join(sorted(RICH_TEXT_TAGS, key=len, reverse=True))
_TAG = rf'<(?:/(?:{_TAG_NAME})|(?:{_TAG_NAME})(?: [a-z-]+="(?:[^"<&]++|{_REFERENCE})*+")*+)>'
PLAIN_MARKUP_RE = re.compile(rf"(?:[^<&]++|{_REFERENCE}|{_TAG})*+")
PLAIN_TAG_RE = re.compile(_TAG)


class _TransliterationTable(dict):
    """A str.translate table that transliterates each character once (anyascii is per character)."""

    def __missing__(self, codepoint):
        self[codepoint] = anyascii(chr(codepoint))
        return self[codepoint]


_TRANSLITERATION = _TransliterationTable()


def to_ascii(text):
    """The text in ASCII: by the site's rule (`core.transliteration`: apostrophes dropped too), then
    anyascii for the characters the rule leaves (other scripts, symbols), one character at a time."""
    if text.isascii():
        return text.replace("'", "").replace("`", "") if "'" in text or "`" in text else text
    return transliterate(text).translate(_TRANSLITERATION)


def ascii_slug(text, max_length=200):
    """A readable ASCII slug for any language, by the site's one rule (`core.transliteration.slug`),
    which the admin's script applies in the browser too."""
    return slug(text, max_length)


# Built once: nh3.clean() converts the allow-lists on every call, which doubles its time.
_CLEANER = nh3.Cleaner(
    tags=RICH_TEXT_TAGS,
    attributes=RICH_TEXT_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)


def sanitise_html(markup):
    """Keep only the allow-listed rich-text markup, mark links to other sites, and turn markup
    with nothing to read (an editor's empty "<p></p>") into ''."""
    if not markup:
        return markup
    cleaned = _CLEANER.clean(markup).strip()
    if not text_of(cleaned).strip() and "<img" not in cleaned:
        return ""
    return LINK_TAG_RE.sub(_mark_external_link, cleaned)


def is_external_url(url):
    """An http(s) link to a host other than the site's own (relative links are internal)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("", "http", "https") or not parts.netloc:
        return False
    return parts.hostname != urlsplit(settings.SITE_URL).hostname


def _mark_external_link(match):
    attributes = dict(ATTRIBUTE_RE.findall(match.group(1)))
    if is_external_url(html.unescape(attributes.get("href", ""))):
        return f'<a{match.group(1)} rel="{EXTERNAL_LINK_REL}">'
    return match.group(0)


def text_of(markup):
    """strip_tags(markup), without its slow HTML parser when the markup is of the plain form."""
    markup = str(markup)
    if PLAIN_MARKUP_RE.fullmatch(markup):
        return PLAIN_TAG_RE.sub("", markup)
    return strip_tags(markup)


class _FoldedWords(dict):
    """Each word folded once: a site's texts reuse a small vocabulary, and imports fold thousands.
    Held words are short and at most 100,000 (a few MB), whatever searches people type."""

    def __missing__(self, word):
        folded = " ".join(to_ascii(word).lower().split())
        if len(word) <= 40:
            if len(self) >= 100_000:
                self.clear()
            self[word] = folded
        return folded


_FOLDED = _FoldedWords()


def search_key(text):
    """Text folded for search: no markup, no diacritics, lower case ("Petr Čáp" -> "petr cap")."""
    text = text_of(text or "")
    if "\x85" in text:  # the one white-space character anyascii drops: it joins its neighbours
        return " ".join(to_ascii(text).lower().split())
    return " ".join(filter(None, map(_FOLDED.__getitem__, text.split())))
