"""The preview in Chromium: a Czech title and body typed in the Czech tabs show in the public page of a new
tab, whose width buttons set the frame to a phone's, a tablet's or a desktop's width."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from core import edit_presence
from news.models import NewsItem
from testing.admin_support import sample_content

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def editor_context(chromium, live_server):
    client = Client()
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, locale="en")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    context.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    context.errors = []
    context.on("weberror", lambda error: context.errors.append(str(error.error)))
    # Scripts or stylesheets refused (by the Content-Security-Policy too) are logged as errors.
    context.on("console", lambda message: message.type == "error" and context.errors.append(message.text))
    yield context
    context.close()


def test_a_czech_title_and_body_typed_but_not_saved_show_in_the_public_page_at_each_width(editor_context, live_server):
    item = sample_content()["newsitem"]
    page = editor_context.new_page()
    page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/change/")
    tabs = page.locator("div.ui-tabs", has=page.locator("#id_title_en"))
    tabs.locator(".ui-tabs-nav a").nth(1).click()
    page.locator("#id_title_cs").click()
    page.keyboard.press("Control+A")
    page.keyboard.type("Neuložený český titulek")
    body_tabs = page.locator("div.ui-tabs", has=page.locator("textarea[name=body_en]"))
    body_tabs.locator(".ui-tabs-nav a").nth(1).click()
    page.locator(".prose-editor:has(textarea[name='body_cs']) [role=textbox].ProseMirror").click()
    page.keyboard.type("Neuložený odstavec.")

    with editor_context.expect_page() as opened:
        page.get_by_role("button", name="Preview CS").click()
    preview = opened.value
    preview.wait_for_load_state()
    assert preview.url.endswith(f"/admin/news/newsitem/{item.pk}/preview/")
    frame = preview.frame_locator("section[data-language=cs] iframe")
    assert frame.locator("h1").inner_text() == "Neuložený český titulek"
    assert frame.locator("html").get_attribute("lang") == "cs"
    assert "Náhled neuložených změn" in frame.locator(".preview-banner").inner_text()
    assert frame.locator(".rich-text").inner_text() == "Neuložený odstavec."
    assert frame.locator("header.site-header").count() == 1
    # The site's own stylesheet applies inside the frame, under the admin page's policy.
    assert frame.locator("html").evaluate("html => html.ownerDocument.styleSheets[0].cssRules.length") > 10
    assert preview.locator("section[data-language=en]").is_hidden()

    iframe = preview.locator("section[data-language=cs] iframe")
    assert iframe.bounding_box()["width"] == pytest.approx(1280, abs=2)
    for label, width in (("Phone (375 px)", 375), ("Tablet (768 px)", 768), ("Desktop (1280 px)", 1280)):
        preview.get_by_role("button", name=label).click()
        assert iframe.bounding_box()["width"] == pytest.approx(width, abs=2)
        assert frame.locator("body").evaluate("body => body.clientWidth") <= width
    preview.get_by_role("button", name="English").click()
    assert preview.locator("section[data-language=en]").is_visible()
    assert preview.frame_locator("section[data-language=en] iframe").locator("h1").inner_text() == item.title_en

    stored = NewsItem.objects.get(pk=item.pk)
    assert (stored.title_cs, stored.body_cs) == (item.title_cs, item.body_cs)
    assert page.locator("#id_title_cs").input_value() == "Neuložený český titulek"
    assert editor_context.errors == []


AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async (selector) => {
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    const result = await axe.run(selector, {runOnly: {type: "tag", values: tags}, iframes: false});
    return result.violations.map(v => `${v.id}: ${v.help} at ` +
        v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""


def test_the_preview_and_the_soft_locks_banner_pass_axe(chromium, live_server):
    content = sample_content()
    item = content["project"]
    edit_presence.hold(item, User.objects.create_user("anna", first_name="Anna", last_name="Nováková"))
    client = Client()
    client.force_login(User.objects.create_superuser("editor", "editor@example.org", "x"))
    context = chromium.new_context(viewport={"width": 1400, "height": 900}, locale="en", bypass_csp=True)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/admin/programmes/project/{item.pk}/change/")
        assert "Anna Nováková (opened it at" in page.locator("#edit-presence").inner_text()
        page.add_script_tag(path=str(AXE_SCRIPT))
        # The banner alone: the rest of the change form is not this test's.
        banner = page.evaluate(RUN_AXE, "#edit-presence")
        page.get_by_role("button", name="Take over and edit").click()
        with context.expect_page() as opened:
            page.get_by_role("button", name="Preview UK").click()
        preview = opened.value
        preview.wait_for_load_state()
        assert preview.frame_locator("section[data-language=uk] iframe").locator("h1").inner_text() == item.title_uk
        preview.add_script_tag(path=str(AXE_SCRIPT))
        assert (banner, preview.evaluate(RUN_AXE, "#content")) == ([], [])
    finally:
        context.close()
