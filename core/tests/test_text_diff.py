"""core.text_diff: words inserted and removed are marked, the text keeps its blocks, and whatever the
compared markup holds, the result is escaped text in tags of our own."""

from html.parser import HTMLParser

import pytest
from django.utils.safestring import SafeString

from core.tests.test_xss import PAYLOADS
from core.text_diff import formatted, side_by_side, word_diff

DIFF_TAGS = {"p", "h2", "h3", "h4", "li", "ul", "ol", "blockquote", "figcaption", "ins", "del"}


class _Markup(HTMLParser):
    """The tags and attributes of a piece of HTML, read independently of the module under test."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.tags, self.attributes, self.text = set(), [], []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def test_a_replaced_word_is_removed_and_inserted_and_the_rest_stays_plain():
    html = word_diff("We help migrants in Prague.", "We help refugees in Prague.", rich=False)
    assert html == "<p>We help <del>migrants</del><ins>refugees</ins> in Prague.</p>"


def test_words_only_inserted_or_only_removed_are_marked_alone():
    assert word_diff("one three", "one two three", rich=False) == "<p>one <ins>two </ins>three</p>"
    assert word_diff("one two three", "one three", rich=False) == "<p>one <del>two </del>three</p>"


def test_unchanged_texts_have_no_marks():
    body = "<h2>Support</h2><p>Help for <strong>everyone</strong>.</p>"
    assert "<ins>" not in word_diff(body, body) and "<del>" not in word_diff(body, body)
    assert word_diff(body, body) == "<h2>Support</h2><p>Help for everyone.</p>"


def test_rich_text_keeps_its_headings_paragraphs_and_list_items():
    old = "<h2>Support</h2><p>First.</p><ul><li>one</li><li>two</li></ul><ol><li>step</li></ol>"
    new = "<h2>Support</h2><p>First.</p><ul><li>one</li><li>three</li></ul><ol><li>step</li></ol><p>New.</p>"
    assert word_diff(old, new) == (
        "<h2>Support</h2><p>First.</p><ul><li>one</li><li><del>two</del><ins>three</ins></li></ul>"
        "<ol><li>step</li></ol><p><ins>New.</ins></p>"
    )


def test_the_difference_is_of_the_text_never_of_the_markup():
    html = word_diff("<p>Read <strong>this</strong> now.</p>", "<p>Read <em>this</em> today.</p>")
    assert html == "<p>Read this <del>now</del><ins>today</ins>.</p>"
    assert "strong" not in html and "&lt;" not in html


def test_long_texts_are_shown_whole_never_shortened():
    words = " ".join(f"word{n}" for n in range(400))
    html = word_diff(f"<p>{words}</p>", f"<p>{words} end</p>")
    assert "word0 " in html and "word399" in html and "<ins> end</ins>" in html and "[" not in html


def test_side_by_side_marks_removals_on_the_old_side_and_insertions_on_the_new():
    old, new = side_by_side("<p>Centre of integration</p>", "<p>Integration centre</p>")
    assert "<del>" in old and "<ins>" not in old
    assert "<ins>" in new and "<del>" not in new
    assert _Markup(old).text and "".join(_Markup(new).text) == "Integration centre"
    assert "".join(_Markup(old).text) == "Centre of integration"


def test_a_removed_or_added_paragraph_is_marked_whole():
    old, new = side_by_side("<p>Kept.</p><p>Gone.</p>", "<p>Kept.</p>")
    assert old == "<p>Kept.</p><p><del>Gone.</del></p>" and new == "<p>Kept.</p>"


def test_plain_text_is_escaped_not_read_as_markup():
    html = word_diff("Fish & chips <b>", "Fish & chips <i>", rich=False)
    assert html == "<p>Fish &amp; chips &lt;<del>b</del><ins>i</ins>&gt;</p>"


def test_czech_and_ukrainian_words_are_words():
    html = word_diff("Integrační centrum Praha", "Integrační centrum Brno", rich=False)
    assert html == "<p>Integrační centrum <del>Praha</del><ins>Brno</ins></p>"
    assert word_diff("Центр інтеграції", "Центр підтримки", rich=False) == (
        "<p>Центр <del>інтеграції</del><ins>підтримки</ins></p>"
    )


def test_empty_versions_show_everything_as_inserted_or_removed():
    assert word_diff(None, "<p>New text.</p>") == "<p><ins>New text.</ins></p>"
    assert word_diff("<p>Old text.</p>", "") == "<p><del>Old text.</del></p>"
    assert word_diff(None, None) == ""


def test_formatted_shows_rich_text_sanitised_and_plain_text_escaped():
    assert formatted("<p>Hi <strong>there</strong><script>alert(1)</script></p>") == (
        "<p>Hi <strong>there</strong></p>"
    )
    assert formatted("a <b>\n\nc", rich=False) == "<p>a &lt;b&gt;</p>\n\n<p>c</p>"
    assert all(isinstance(html, SafeString) for html in (formatted("a", rich=False), formatted("<p>a</p>")))
    assert formatted(None) == ""


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xss_payloads_come_out_as_text_in_our_own_tags(payload):
    for rich in (True, False):
        outputs = [word_diff(payload, "<p>safe</p>", rich), word_diff("<p>safe</p>", payload, rich)]
        outputs.extend(side_by_side(payload, f"{payload} changed", rich))
        for html in outputs:
            markup = _Markup(html)
            assert markup.tags <= DIFF_TAGS, (payload, html)
            assert markup.attributes == [], (payload, html)
    shown = _Markup(formatted(payload))
    assert "script" not in shown.tags and "iframe" not in shown.tags
    assert not any(name.startswith("on") for name, _value in shown.attributes), payload
    assert not any(
        value and value.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
        for name, value in shown.attributes
        if name in ("href", "src")
    ), payload
