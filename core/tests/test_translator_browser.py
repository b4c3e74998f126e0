"""The translator screen and the revision compare in a real Chromium, with clicks and typing: a
translator goes from the dashboard to the screen, reads the English change, copies, types Czech and
Ukrainian, saves and marks up to date; an editor compares two chosen revisions."""

from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from playwright.sync_api import expect

from core.translation_status import State, states
from news.models import NewsItem
from testing.admin_support import user_in
from testing.chromium import sign_in, watched_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long test password 1"
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
    const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    const result = await axe.run("#content-main", {runOnly: {type: "tag", values: tags}});
    return result.violations.map(v => `${v.id}: ${v.help} at ` +
        v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}"""


@pytest.fixture
def item():
    """Translated into Czech and Ukrainian; then the English body changed."""
    item = NewsItem.objects.create(
        title_en="Integration centre",
        lead_en="Help for newcomers.",
        body_en="<h2>Integration</h2><p>The centre helps migrants in Prague.</p>",
        title_cs="Centrum",
        lead_cs="Pomoc.",
        body_cs="<h2>Integrace</h2><p>Centrum pomáhá migrantům v Praze.</p>",
        title_uk="Центр",
        lead_uk="Допомога.",
        body_uk="<h2>Інтеграція</h2><p>Центр допомагає мігрантам у Празі.</p>",
    )
    item.body_en = "<h2>Integration</h2><p>The centre helps refugees in Prague and Brno.</p>"
    item.save()
    return item


@pytest.fixture
def open_as(chromium, live_server):
    """Sign a user in through the login form of a fresh tab; requests to other hosts are refused and noted."""
    contexts = []

    def open_as(username, bypass_csp=False):
        context = chromium.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=bypass_csp)
        contexts.append(context)
        page = watched_page(context, live_server.url)
        page.goto(f"{live_server.url}/admin/login/")
        sign_in(page, username, PASSWORD)
        return page

    yield open_as
    for context in contexts:
        context.close()


def replace_text(page, locator, text):
    locator.click()
    page.keyboard.press("Control+a")
    page.keyboard.type(text)


def test_a_translator_works_through_an_outdated_item_from_the_dashboard(open_as, live_server, item):
    translator = user_in("Translator")
    translator.set_password(PASSWORD)
    translator.save()
    page = open_as("translator")
    page.locator("a[href='/admin/translations/']").first.click()
    czech = page.locator("table", has=page.locator("caption", has_text="Czech"))
    czech.locator("a.translator-link").click()
    page.wait_for_url(f"**/admin/news/newsitem/{item.pk}/translate/cs/")

    body = page.locator("#translate-body")
    assert body.locator(".source-text h2").inner_text() == "Integration"
    change = body.locator(".source-change")
    assert change.locator("del").all_inner_texts() == ["migrants"]
    assert change.locator("ins").all_inner_texts() == ["refugees", " and Brno"]

    # The Czech body holds a translation: the copy asks first, naming the field.
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    body.get_by_role("button", name="Copy the English").click()
    assert asked == [
        "“Body” already has a translation. Replace it with the source text? What is written there now will be lost."
    ]
    editor = page.get_by_role("textbox", name="Body — Czech")  # the editor is named by its label
    assert editor.locator("p").inner_text() == "The centre helps refugees in Prague and Brno."
    # Click after the paragraph's last word: the editor may put the caret back where the click was
    # a moment after the click, which would undo a key that moved it (seen under load).
    paragraph = editor.locator("p")
    box = paragraph.bounding_box()
    paragraph.click(position={"x": box["width"] - 1, "y": box["height"] - 2})
    expect(editor).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Integrační centrum.")
    replace_text(page, page.locator("#id_title_cs"), "Integrační centrum")
    page.get_by_role("button", name="Save the Czech translation").click()
    page.wait_for_url(f"**/admin/news/newsitem/{item.pk}/translate/cs/")
    assert "The Czech translation was saved." in page.locator(".messagelist").inner_text()

    item.refresh_from_db()
    assert item.title_cs == "Integrační centrum"
    assert item.body_cs == (
        "<h2>Integration</h2><p>The centre helps refugees in Prague and Brno. Integrační centrum.</p>"
    )
    assert states(item)["cs"] == State.COMPLETE
    assert page.locator(".source-change").count() == 0

    page.get_by_role("link", name="Translate into Ukrainian").click()
    page.wait_for_url(f"**/admin/news/newsitem/{item.pk}/translate/uk/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("#translate-lead").get_by_role("button", name="Copy the English").click()
    assert page.locator("#id_lead_uk").input_value() == "Help for newcomers."
    replace_text(page, page.locator("#id_lead_uk"), "Допомога новоприбулим.")
    replace_text(page, page.locator("#id_title_uk"), "Центр інтеграції")
    page.get_by_role("button", name="Save the Ukrainian translation").click()
    page.wait_for_url(f"**/admin/news/newsitem/{item.pk}/translate/uk/")
    item.refresh_from_db()
    assert (item.title_uk, item.lead_uk) == ("Центр інтеграції", "Допомога новоприбулим.")
    assert states(item)["uk"] == State.OUTDATED  # the Ukrainian body still follows the old English

    page.locator("#translate-body").get_by_role("button", name="Mark as up to date").click()
    page.wait_for_url(f"**/admin/news/newsitem/{item.pk}/translate/uk/")
    assert "Body (Ukrainian) is marked as up to date with the English." in page.locator(".messagelist").inner_text()
    item.refresh_from_db()
    assert states(item)["uk"] == State.COMPLETE
    assert item.history.latest().history_user.username == "translator"
    assert page.foreign == [] and page.errors == []


def test_copying_the_english_over_a_translation_keeps_it_unless_the_translator_confirms(open_as, item):
    translator = user_in("Translator")
    translator.set_password(PASSWORD)
    translator.save()
    item.title_cs = ""
    item.body_cs = ""
    item.save()
    page = open_as("translator")
    page.goto(page.url + f"news/newsitem/{item.pk}/translate/cs/")

    # An empty field takes the English at once, with nothing to ask.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("#translate-title").get_by_role("button", name="Copy the English").click()
    assert page.locator("#id_title_cs").input_value() == "Integration centre"
    assert asked == []

    # A field with Czech in it asks; refused, the Czech stays, in the plain and the rich field.
    page.locator("#id_lead_cs").fill("Pomoc nově příchozím.")
    page.locator("#translate-lead").get_by_role("button", name="Copy the English").click()
    assert page.locator("#id_lead_cs").input_value() == "Pomoc nově příchozím."
    # Words just typed in the rich-text editor count as a translation too.
    editor = page.get_by_role("textbox", name="Body — Czech")
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.type("Centrum pomáhá uprchlíkům.")
    page.locator("#translate-body").get_by_role("button", name="Copy the English").click()
    expect(editor.locator("p")).to_have_text("Centrum pomáhá uprchlíkům.")
    assert asked == [
        "“Lead” already has a translation. Replace it with the source text? What is written there now will be lost.",
        "“Body” already has a translation. Replace it with the source text? What is written there now will be lost.",
    ]

    # Saved, nothing of the Czech is lost.
    page.get_by_role("button", name="Save the Czech translation").click()
    page.wait_for_url(f"**/admin/news/newsitem/{item.pk}/translate/cs/")
    item.refresh_from_db()
    assert (item.title_cs, item.lead_cs) == ("Integration centre", "Pomoc nově příchozím.")
    assert item.body_cs == "<p>Centrum pomáhá uprchlíkům.</p>"
    assert page.foreign == [] and page.errors == []


def test_an_editor_compares_two_chosen_revisions(open_as, live_server, item):
    User.objects.create_superuser("chief", password=PASSWORD)
    item.title_en = "Integration centre of IOM"
    item.save()
    first, second, third = item.history.order_by("history_date")
    page = open_as("chief")
    page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/history/")
    page.locator(f"input[name=from][value='{first.pk}']").click()
    page.locator(f"input[name=to][value='{third.pk}']").click()
    page.get_by_role("button", name="Compare the chosen revisions").click()
    page.wait_for_url("**/history/compare/?*")
    assert sorted(urlsplit(page.url).query.split("&")) == [f"from={first.pk}", f"to={third.pk}"]

    rows = page.locator("tr.changed-field")
    assert rows.locator("th").all_inner_texts() == ["Title — English", "Body — English"]
    body = rows.nth(1)
    assert body.locator(".diff-old del").all_inner_texts() == ["migrants"]
    assert body.locator(".diff-new ins").all_inner_texts() == ["refugees", " and Brno"]
    assert body.locator(".diff-new h2").inner_text() == "Integration"
    assert rows.nth(0).locator(".diff-new ins").inner_text() == " of IOM"
    unchanged = page.locator("details.unchanged-fields")
    assert not unchanged.locator("tr.unchanged-field").first.is_visible()
    unchanged.locator("summary").click()
    assert unchanged.locator("tr.unchanged-field th", has_text="Title — Czech").is_visible()
    assert page.foreign == [] and page.errors == []


def test_the_translator_screen_and_the_compare_page_pass_axe(open_as, live_server, item):
    User.objects.create_superuser("chief", password=PASSWORD)
    first, second = item.history.order_by("history_date")
    page = open_as("chief", bypass_csp=True)
    found = {}
    for path in (
        f"/admin/news/newsitem/{item.pk}/translate/cs/",
        f"/admin/news/newsitem/{item.pk}/history/",
        f"/admin/news/newsitem/{item.pk}/history/compare/?from={first.pk}&to={second.pk}",
    ):
        page.goto(live_server.url + path)
        # Every editor built, with its menu, before axe reads the page.
        page.wait_for_load_state("networkidle")
        expect(page.locator(".prose-editor:not(:has([role=textbox]))")).to_have_count(0)
        expect(page.locator("textarea[data-iomcz-richtext]:not(.prose-editor textarea)")).to_have_count(0)
        page.add_script_tag(path=str(AXE_SCRIPT))
        found[path] = page.evaluate(RUN_AXE)
    assert found == {path: [] for path in found}
