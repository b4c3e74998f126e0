"""The import's fast text paths give exactly what the slow, general ones give."""

import random

import nh3
from django.utils.html import strip_tags

from core import text as text_module
from core.tests.test_xss import PAYLOADS_FILE
from core.text import (
    _CLEANER,
    RICH_TEXT_ATTRIBUTES,
    RICH_TEXT_TAGS,
    URL_SCHEMES,
    sanitise_html,
    search_key,
    text_of,
    to_ascii,
)

PIECES = [
    "<p>", "</p>", "<br>", "<b>", "</b>", "<a href=\"https://example.org/?a=1&amp;b=2\">", "</a>",
    '<img src="/a.png" alt="a>b">', "<script>", "</script>", "<style>", "<!-- c -->", "<!DOCTYPE html>",
    "<P>", "<p >", "</p x>", "<3", "< p>", "<", ">", "&", "&amp;", "&amp", "&#39;", "&#x27;", "&#39",
    "&nbsp;", '"', "'", " ", "\t", "\n", "\u00a0", "\x85", "\u2028", "Č", "й", "ß", "İ", "word", "Word",
]  # fmt: skip
PAYLOADS = PAYLOADS_FILE.read_text(encoding="utf-8").splitlines()


def tricky_texts(count=3000):
    """Payloads from the XSS corpus, what nh3 makes of them, and random mixes of markup pieces."""
    chance = random.Random(5)
    texts = [*PAYLOADS, *(sanitise_html(payload) for payload in PAYLOADS)]
    for _ in range(count):
        text = "".join(chance.choice(PIECES) for _ in range(chance.randint(0, 12)))
        texts += [text, sanitise_html(text)]
    return texts


def test_text_of_markup_is_what_djangos_strip_tags_gives():
    for text in tricky_texts():
        assert text_of(text) == strip_tags(text), text


def test_search_folding_word_by_word_is_what_folding_the_whole_text_gives():
    for text in tricky_texts():
        assert search_key(text) == " ".join(to_ascii(strip_tags(text)).lower().split()), text


def test_the_cleaner_built_once_cleans_as_nh3_clean_with_the_allow_lists():
    options = {"tags": RICH_TEXT_TAGS, "attributes": RICH_TEXT_ATTRIBUTES, "url_schemes": URL_SCHEMES}
    for text in tricky_texts(500):
        assert _CLEANER.clean(text) == nh3.clean(text, **options, link_rel=None, strip_comments=True), text


def test_search_folding_keeps_only_short_words_for_later():
    long_word = "Č" * 41
    assert search_key(f"Čáp {long_word}") == f"cap {'C' * 41}".lower()
    assert "Čáp" in text_module._FOLDED and long_word not in text_module._FOLDED
