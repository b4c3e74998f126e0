"""Writing in the rich-text editor in Chromium, in English, Czech and Ukrainian, with real keys and a
real clipboard: links never swallow text, spell checking follows the tab's language, what is pasted
from Word keeps its lists and tables, and the editor speaks the admin's language."""

from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone, translation
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from core.models import Status
from news.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SENTENCES = {
    "en": ("Read more on the page of the centre", 2, " for migrants."),
    "cs": ("Více informací najdete na stránce centra", 2, " pro cizince."),
    "uk": ("Більше інформації на сторінці центру", 2, " для мігрантів."),
}
LINKED = {"en": "the centre", "cs": "stránce centra", "uk": "сторінці центру"}
ACCEPT_LANGUAGE = {"en": "en-GB", "cs": "cs-CZ", "uk": "uk-UA"}

# What Word puts on the clipboard (trimmed, in word_fragment.html): list items as paragraphs with their bullets in
# "mso-list:Ignore" spans, <o:p> elements, conditional comments, and a table of MsoNormal cells.
WORD_FRAGMENT = (Path(__file__).parent / "word_fragment.html").read_text(encoding="utf-8")


def open_form(page, live_server, language):
    page.set_extra_http_headers({"Accept-Language": ACCEPT_LANGUAGE[language]})
    page.goto(f"{live_server.url}/admin/news/newsitem/add/")
    page.wait_for_selector(".prose-editor [role=textbox]", state="attached")
    if language != "en":
        show_tabs(page, "en")
        page.fill("input[name='title_en']", "A note")
        page.fill("textarea[name='lead_en']", "A lead.")
    show_tabs(page, language)
    page.fill(f"input[name='title_{language}']", f"Zpráva {language}")
    page.fill(f"textarea[name='lead_{language}']", "Perex.")
    return page.locator(f".prose-editor:has(textarea[name='body_{language}']) [role=textbox]")


def dialog_closed(page, editor):
    """Wait until the link dialog has closed and the text has the keyboard again, as a person
    sees before typing on."""
    expect(page.locator("dialog[open]")).to_have_count(0)
    expect(editor).to_be_focused()


def select_back(page, words, expected):
    """Select `words` words back from the caret, as Control+Shift+Left does, and wait until the
    editor has seen the selection (Chromium reports it a moment after the key)."""
    for _ in range(words):
        page.keyboard.press("Control+Shift+ArrowLeft")
    page.wait_for_function("text => getSelection().toString() === text", arg=expected)
    page.wait_for_timeout(50)


def select_last_character(page, expected, attempts=3):
    """Select the character before the caret (Shift+Left) and wait until the editor shows it
    selected. Under load the editor may still move the caret to where the click was a moment after
    the click, which undoes the selection: then, as a person would, select it again."""
    for attempt in range(attempts):
        page.keyboard.press("End")
        page.keyboard.press("Shift+ArrowLeft")
        try:
            page.wait_for_function("text => getSelection().toString() === text", arg=expected, timeout=3000)
            return
        except PlaywrightTimeoutError:
            if attempt == attempts - 1:
                raise


def show_tabs(page, language, fields=("title", "lead", "body")):
    """Each translated field has its own language tabs; the admin opens those of its language."""
    for field in fields:
        tabs = page.locator("div.ui-tabs", has=page.locator(f"#id_{field}_en"))
        tabs.locator(".ui-tabs-nav a").nth(["en", "cs", "uk"].index(language)).click()


def save(page, language):
    page.click("input[name='_save']")
    page.wait_for_url("**/admin/news/newsitem/")
    return NewsItem.objects.get(**{f"title_{language}": f"Zpráva {language}"})


def public_text(item, language):
    """The item's public page, once it is published, as a reader in `language` gets it."""
    item.status, item.published_at = Status.PUBLISHED, timezone.now()
    item.save()
    with translation.override(language):
        response = Client().get(item.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", ["en", "cs", "uk"])
def test_words_typed_after_adding_a_link_are_kept(admin_page, live_server, language):
    editor = open_form(admin_page, live_server, language)
    assert editor.get_attribute("spellcheck") == "true"
    assert editor.get_attribute("lang") == language
    editor.click()
    expect(editor).to_be_focused()
    sentence, linked_words, rest = SENTENCES[language]
    admin_page.keyboard.type(sentence)
    select_back(admin_page, linked_words, LINKED[language])
    admin_page.keyboard.press("Control+K")
    dialog = admin_page.locator("dialog[open]")
    dialog.locator("input[name='href']").fill("https://www.iom.int/cs")
    dialog.locator("button[type='submit']").click()
    dialog_closed(admin_page, editor)
    admin_page.keyboard.type(rest)
    item = save(admin_page, language)

    link = f'<a href="https://www.iom.int/cs" rel="noopener noreferrer">{LINKED[language]}</a>'
    expected = sentence.replace(LINKED[language], link) + rest
    assert getattr(item, f"body_{language}") == f"<p>{expected}</p>"
    assert expected in public_text(item, language)


@pytest.mark.parametrize("language", ["en", "cs", "uk"])
def test_editing_and_removing_a_link_keep_its_words(admin_page, live_server, language):
    editor = open_form(admin_page, live_server, language)
    editor.click()
    expect(editor).to_be_focused()
    sentence, linked_words, rest = SENTENCES[language]
    admin_page.keyboard.type(sentence)
    select_back(admin_page, linked_words, LINKED[language])
    admin_page.keyboard.press("Control+K")
    admin_page.locator("dialog[open] input[name='href']").fill("https://example.org/a")
    admin_page.keyboard.press("Enter")
    dialog_closed(admin_page, editor)
    # Back into the link, change its address, type on.
    editor.locator("a").click()
    menu = admin_page.locator(f".prose-editor:has(textarea[name='body_{language}']) .prose-menubar")
    menu.locator("button[data-name='unlink']:not(.hidden)").wait_for()
    admin_page.keyboard.press("Control+K")
    admin_page.locator("dialog[open] input[name='href']").fill("https://example.org/b")
    admin_page.keyboard.press("Enter")
    dialog_closed(admin_page, editor)
    admin_page.keyboard.type(rest)
    item = save(admin_page, language)
    link = f'<a href="https://example.org/b" rel="noopener noreferrer">{LINKED[language]}</a>'
    assert getattr(item, f"body_{language}") == f"<p>{sentence.replace(LINKED[language], link)}{rest}</p>"

    admin_page.goto(f"{live_server.url}/admin/news/newsitem/{item.pk}/change/")
    show_tabs(admin_page, language, ["body"])
    prose = admin_page.locator(f".prose-editor:has(textarea[name='body_{language}'])")
    prose.locator("[role=textbox] a").click()
    prose.locator("button[data-name='unlink']").click()
    expect(prose.locator("[role=textbox] a")).to_have_count(0)
    expect(prose.locator("[role=textbox]")).to_be_focused()
    admin_page.keyboard.press("End")
    admin_page.keyboard.type("!")
    item = save(admin_page, language)
    body = getattr(item, f"body_{language}")
    assert "<a" not in body
    assert LINKED[language] in body and rest.strip(" .") in body


@pytest.mark.parametrize("language", ["en", "cs", "uk"])
def test_a_word_fragment_pasted_keeps_its_list_and_table(admin_page, live_server, language):
    admin_page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    editor = open_form(admin_page, live_server, language)
    editor.click()
    # Word's part: put its HTML on the clipboard. The paste itself is a real Control+V.
    admin_page.evaluate(
        """html => navigator.clipboard.write([new ClipboardItem({
            "text/html": new Blob([html], {type: "text/html"}),
            "text/plain": new Blob(["Praha Brno"], {type: "text/plain"}),
        })])""",
        WORD_FRAGMENT,
    )
    admin_page.keyboard.press("Control+V")
    item = save(admin_page, language)
    body = getattr(item, f"body_{language}")
    assert "<h2>Kontakty</h2>" in body
    assert "<ul><li><p>Praha</p></li><li><p>Brno</p></li></ul>" in body
    assert "·" not in body and "mso" not in body and "style" not in body
    assert body.endswith(
        "<table><tbody><tr><td><p><strong>Město</strong></p></td><td><p><strong>Telefon</strong></p></td></tr>"
        "<tr><td><p>Praha</p></td><td><p>+420 222 222 222</p></td></tr></tbody></table>"
    )
    page = public_text(item, language)
    assert "<ul><li><p>Praha</p></li><li><p>Brno</p></li></ul>" in page
    assert "+420 222 222 222</p></td>" in page


@pytest.mark.parametrize(
    ("language", "titles"),
    [
        ("en", {"bold": "bold", "insert link": "insert link", "Insert table": "Insert table"}),
        ("cs", {"bold": "tučně", "insert link": "vložit odkaz", "Insert table": "Vložit tabulku"}),
        ("uk", {"bold": "жирний", "insert link": "вставити посилання", "Insert table": "Вставити таблицю"}),
    ],
)
def test_the_editors_buttons_and_dialogs_speak_the_admins_language(admin_page, live_server, language, titles):
    editor = open_form(admin_page, live_server, language)
    menu = admin_page.locator(f".prose-editor:has(textarea[name='body_{language}']) .prose-menubar")
    assert menu.locator("button[data-name='bold']").get_attribute("title") == titles["bold"]
    assert menu.locator("button[data-name='link']").get_attribute("aria-label") == titles["insert link"]
    assert menu.locator("button[data-name='table']").get_attribute("title") == titles["Insert table"]
    editor.click()
    expect(editor).to_be_focused()
    admin_page.keyboard.type("x")
    expect(editor).to_have_text("x")
    select_last_character(admin_page, "x")
    menu.locator("button[data-name='link']:not(.disabled)").wait_for()
    admin_page.keyboard.press("Control+K")
    heading = admin_page.locator("dialog[open] .prose-editor-dialog-title").text_content()
    assert heading == {"en": "Edit Link", "cs": "Upravit odkaz", "uk": "Змінити посилання"}[language]
    admin_page.keyboard.press("Escape")
    menu.locator("button[data-name='figure']").click()
    labels = admin_page.locator("dialog[open] label").all_text_contents()
    assert {"en": "Image URL", "cs": "Adresa obrázku (URL)", "uk": "Адреса зображення (URL)"}[language] in labels
    assert admin_page.errors == []


def test_the_block_type_menu_draws_its_arrow_with_no_missing_glyph(admin_page, live_server):
    open_form(admin_page, live_server, "en")
    arrow = admin_page.locator(".prose-menubar__selected").first.evaluate(
        "element => { const style = getComputedStyle(element, '::after');"
        " return [style.content, style.backgroundImage]; }"
    )
    assert arrow[0] in ('""', "none") and "dropdown.svg" in arrow[1]


WORD_LISTS = (
    "<p class=MsoListParagraphCxSpFirst style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>1.<span>&nbsp;"
    "</span></span>Jedna</p>"
    "<p class=MsoListParagraphCxSpMiddle style='mso-list:l0 level2 lfo1'><span style='mso-list:Ignore'>o<span>&nbsp;"
    "</span></span>pod jedničkou</p>"
    "<p class=MsoListParagraphCxSpLast style='mso-list:l0 level1 lfo1'><span style='mso-list:Ignore'>2.<span>&nbsp;"
    "</span></span>Dvě</p>"
    "<p class=MsoNormal>Odstavec o něčem<o:p></o:p></p>"
    "<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'>·&nbsp;&nbsp;Без тегу</p>"
    "<h1 style='color:red'>Заголовок</h1>"
)


def test_words_lists_become_nested_lists_and_the_rest_loses_its_styles(admin_page, live_server):
    open_form(admin_page, live_server, "en")
    cleaned = admin_page.evaluate(
        "async html => (await import('/static/vendor/richtext-paste.js')).cleanPastedHtml(html)", WORD_LISTS
    )
    assert cleaned == (
        "<ol><li><p>Jedna</p><ul><li><p>pod jedničkou</p></li></ul></li><li><p>Dvě</p></li></ol>"
        "<p>Odstavec o něčem</p>"
        "<ul><li><p>Без тегу</p></li></ul>"
        "<h2>Заголовок</h2>"
    )
