"""The admin's rich-text editor in Chromium: it starts under the site's Content-Security-Policy
with nothing from another host, and what an editor writes with it is what gets saved."""

import pytest

from news.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_editor_starts_on_every_rich_text_field_under_the_csp(admin_page, live_server):
    response = admin_page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    admin_page.wait_for_selector(".prose-editor .ProseMirror", state="attached")
    editors = admin_page.locator(".prose-editor:has(textarea[name^='body_']) [role=textbox].ProseMirror")
    assert editors.count() == 3
    assert admin_page.locator(".prose-editor textarea[name^='lead_']").count() == 0
    assert admin_page.evaluate("window.__violations") == []
    assert admin_page.errors == []
    assert admin_page.foreign == []


def test_what_is_written_in_the_editor_is_saved_as_clean_html(admin_page, live_server):
    admin_page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    admin_page.fill("input[name='title_en']", "Written in the editor")
    admin_page.fill("textarea[name='lead_en']", "A lead.")
    editor = admin_page.locator(".prose-editor:has(textarea[name='body_en']) [role=textbox].ProseMirror")
    editor.click()
    admin_page.keyboard.type("First paragraph with ")
    admin_page.keyboard.press("Control+b")
    admin_page.keyboard.type("bold")
    admin_page.keyboard.press("Control+b")
    admin_page.keyboard.type(" text.")
    admin_page.keyboard.press("Enter")
    admin_page.keyboard.type("> A quoted line")
    admin_page.click("input[name='_save']")
    admin_page.wait_for_url("**/admin/news/newsitem/")
    item = NewsItem.objects.get(title_en="Written in the editor")
    assert item.body_en == (
        "<p>First paragraph with <strong>bold</strong> text.</p><blockquote><p>A quoted line</p></blockquote>"
    )
    assert item.body_cs is None and item.body_uk is None
    assert admin_page.errors == []
