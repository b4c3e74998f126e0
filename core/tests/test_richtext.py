import json

import pytest
from django.contrib.staticfiles import finders
from django.utils import translation

from core.admin.richtext import EDITOR_ATTRIBUTE, RichTextWidget, editor_allowlist, is_rich_text
from core.text import RICH_TEXT_TAGS, URL_SCHEMES, sanitise_html
from news.models import NewsItem


def test_every_element_the_editor_produces_survives_the_sanitiser():
    allowed = editor_allowlist()
    assert allowed["tags"] <= RICH_TEXT_TAGS
    assert set(allowed["url_schemes"]) == URL_SCHEMES


def test_the_sanitiser_keeps_the_markup_the_issue_names():
    html = (
        "<h2>Heading</h2><h3>Sub</h3><p>A <strong>bold</strong> and <em>emphasised</em> word.</p>"
        "<ul><li>one</li></ul><ol><li>two</li></ol><blockquote><p>quote</p></blockquote>"
        '<figure><img src="/media/news/a.jpg" alt="A"><figcaption>Caption</figcaption></figure>'
        '<p><a href="/en/news/">internal</a></p>'
        '<table><thead><tr><th colspan="2">City and phone</th></tr></thead>'
        '<tbody><tr><td rowspan="2"><p>Praha</p></td><td>+420 1</td></tr><tr><td>+420 2</td></tr></tbody></table>'
    )
    assert sanitise_html(html) == html


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<h1>Title</h1>", "Title"),
        ("<h5>Small</h5>", "Small"),
        ('<p style="color:red" class="x">Text</p>', "<p>Text</p>"),
        (
            '<table style="width:5cm"><tr><td class="x" width="302">cell</td></tr></table>',
            "<table><tbody><tr><td>cell</td></tr></tbody></table>",
        ),
        (
            "<table><caption>c</caption><colgroup><col></colgroup><tr><td>cell</td></tr></table>",
            "<table>c<tbody><tr><td>cell</td></tr></tbody></table>",
        ),
        ('<span onclick="x()">word</span>', "word"),
        ("<u>under</u><s>strike</s>", "understrike"),
    ],
)
def test_the_sanitiser_drops_everything_else_but_keeps_the_text(markup, expected):
    assert sanitise_html(markup) == expected


@pytest.mark.parametrize(
    "href",
    ["https://www.iom.int/news", "http://example.org/", "//example.org/page", "HTTPS://Example.org"],
)
def test_links_to_other_sites_get_rel_noopener(href):
    assert sanitise_html(f'<a href="{href}">x</a>') == f'<a href="{href}" rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize(
    "href",
    ["/en/news/", "news/other/", "#top", "http://127.0.0.1:8000/en/", "mailto:press@iom.int"],
)
def test_links_within_the_site_and_mail_links_get_no_rel(href):
    assert sanitise_html(f'<a href="{href}">x</a>') == f'<a href="{href}">x</a>'


def test_a_rel_or_target_written_by_hand_is_replaced_by_the_sites_own():
    html = '<a href="https://example.org" rel="opener" target="_blank">x</a>'
    assert sanitise_html(html) == '<a href="https://example.org" rel="noopener noreferrer">x</a>'


@pytest.mark.parametrize("href", ["ftp://example.org/f", "tel:+420123", "javascript:alert(1)", "data:text/html,x"])
def test_links_with_other_schemes_lose_their_href(href):
    assert sanitise_html(f'<a href="{href}">x</a>') == "<a>x</a>"


def test_sanitising_twice_changes_nothing():
    once = sanitise_html('<p><a href="https://example.org" title="a&quot;>b">x</a> &amp; <em>y</em></p>')
    assert sanitise_html(once) == once


@pytest.mark.parametrize("empty", ["<p></p>", "<p><br></p>", "<h2> </h2>", "<script>x</script>"])
def test_markup_with_nothing_to_read_is_stored_as_empty(empty):
    assert sanitise_html(empty) == ""


@pytest.mark.django_db
def test_an_empty_editor_leaves_the_language_empty_so_it_does_not_count_as_translated():
    with translation.override("en"):
        item = NewsItem.objects.create(title_en="Title", lead_en="Lead", body_en="<p>Text</p>", body_cs="<p></p>")
    item.refresh_from_db()
    assert (item.body_en, item.body_cs) == ("<p>Text</p>", None)


def test_the_widget_carries_its_configuration_and_loads_only_site_assets():
    html = RichTextWidget().render("body_en", "<p>x</p>")
    assert EDITOR_ATTRIBUTE in html and "required" not in html
    media = str(RichTextWidget().media)
    assert '<script src="/static/vendor/richtext.js" type="module">' in media
    assert "importmap" not in media and "http" not in media


def test_the_widget_configuration_names_only_extensions_the_editor_exports():
    config = json.loads(RichTextWidget().get_context("body", "", {})["widget"]["attrs"][EDITOR_ATTRIBUTE])
    with open(finders.find("django_prose_editor/editor.js"), encoding="utf-8") as script:
        exported = script.read()
    assert all(f" as {name}," in exported or f" as {name}}}" in exported for name in config)


def test_every_asset_the_editor_needs_is_served_by_the_site():
    for path in ["vendor/richtext.js", "django_prose_editor/editor.js", *RichTextWidget().media._css["all"]]:
        assert finders.find(path), path


def test_rich_text_fields_are_recognised_in_every_language_and_plain_ones_are_not():
    fields = {f.name: f for f in NewsItem._meta.get_fields() if hasattr(f, "attname")}
    assert all(is_rich_text(fields[name]) for name in ("body", "body_en", "body_cs", "body_uk"))
    assert not any(is_rich_text(fields[name]) for name in ("lead", "lead_en", "title_uk"))


def test_the_editor_leaves_spell_checking_on_and_browses_the_image_library():
    config = json.loads(RichTextWidget().get_context("body_cs", "", {})["widget"]["attrs"][EDITOR_ATTRIBUTE])
    assert "NoSpellCheck" not in config
    assert config["Figure"] == {"pickerUrl": "/admin/images/"}
    assert {"Table", "TableRow", "TableHeader", "TableCell"} <= set(config)


def test_the_site_scripts_the_editor_imports_are_served_by_the_site():
    for path in ["vendor/richtext-paste.js", "vendor/richtext-messages.js", "images/admin/dropdown.svg"]:
        assert finders.find(path), path
