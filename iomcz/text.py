"""Turning user text into slugs and safe HTML."""

import nh3
from anyascii import anyascii
from django.utils.html import strip_tags
from django.utils.text import slugify

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
}
RICH_TEXT_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def ascii_slug(text, max_length=200):
    """A readable ASCII slug for any language: Czech and Ukrainian are transliterated first."""
    return slugify(anyascii(text or ""))[:max_length].strip("-")


def sanitise_html(html):
    """Keep only the allow-listed rich-text markup; links get rel="noopener noreferrer"."""
    if not html:
        return html
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def search_key(text):
    """Text folded for search: no markup, no diacritics, lower case ("Petr Čáp" -> "petr cap")."""
    return " ".join(anyascii(strip_tags(text or "")).lower().split())
