import pytest
from core.tests.test_richtext_browser import admin_page  # noqa
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

def test_look(admin_page, live_server):
    admin_page.goto(f"{live_server.url}/cs/admin/news/newsitem/add/" if False else f"{live_server.url}/admin/news/newsitem/add/")
    admin_page.wait_for_timeout(1500); print(admin_page.errors)
    admin_page.wait_for_selector(".prose-editor .ProseMirror", state="attached", timeout=3000)
    admin_page.wait_for_timeout(300)
    bar = admin_page.locator(".prose-editor:has(textarea[name='body_cs']) .prose-menubar")
    print(bar.evaluate("e => e.outerHTML"))
    ed = admin_page.locator(".prose-editor:has(textarea[name='body_cs']) .tiptap")
    print(ed.evaluate("e => e.outerHTML.slice(0,400)"))
    print(admin_page.errors)
    admin_page.locator("#tab_id_body_cs, a[href='#tab_id_body_cs']").first.click() if admin_page.locator("a[href='#tab_id_body_cs']").count() else None
    bar.screenshot(path="/tmp/ed/bar.png")
