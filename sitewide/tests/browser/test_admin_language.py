"""No English left in the Czech and Ukrainian admin: every admin page, as a superuser sees it in
Chromium, is read for its visible text and its title, placeholder, aria-label and alt attributes.

The pages are found, not listed: every URL of the admin site and of each registered model's admin,
with its object, revision and app filled in, so a page added later is read too. A URL parameter
the test cannot fill fails the test, naming the URL, until `fill_parameters` learns it.

What counts as English: in the Ukrainian admin, any word in the Latin alphabet; in the Czech admin,
a word of the English admin's own vocabulary (gathered from the same pages in English). Content is
not interface: text that is a value stored in the database (a title, a name, a revision's old
text) is left out, and so are form values (inputs, textareas, the rich-text editor), so the English
tab's fields are not read while their labels are.
"""

import html
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import RequestFactory
from django.urls import URLPattern, reverse
from django.utils import translation
from django.utils.html import strip_tags

from core.i18n import LANGUAGE_CODES
from core.models import AdminPreferences

pytestmark = pytest.mark.browser

PASSWORD = "a long test password 1"

# Admin URL names that are not pages to read, and why.
NOT_PAGES = {
    "logout": "signs out (POST only)",
    "jsi18n": "a script",
    "autocomplete": "JSON for the select widgets",
    "view_on_site": "a redirect to the public site",
    "login": "a signed-in user is sent on to the index; test_the_login_page_is_in_the_browsers_language reads it",
}

# Words that are the same in every language of the admin: names, codes, formats and keys.
SAME_IN_EVERY_LANGUAGE = {
    "IOM", "ID", "URL", "HTML", "UTC", "EUR", "USD", "CZK", "UAH", "ISO", "CZ", "alpha", "IP", "HTTP",
    "GET", "POST", "SHA", "LDAP", "JPEG", "PNG", "WebP", "MB", "EU", "Control", "Command", "Mac",
    "en", "cs", "uk", "EN", "CS", "UK",
}  # fmt: skip
# Names of several words, left out before the words are read.
NAMES = re.compile(r"Single Sign-On|User-Agent|\b(?:Europe|America|Asia|Africa)/[A-Za-z_]+\b|\w*\*{3,}\w*|\bmd5\b")
# Words of the English admin that Czech uses too, as Czech words.
CZECH_TOO = {
    "do", "to", "on", "let", "pro", "list", "ten", "den", "ale", "jen", "tak", "ne", "no", "po", "se", "si",
    "auto", "text", "data", "fond", "logo", "mail", "program", "by",
}  # fmt: skip
# Whole texts that are right as they are: the Preferences page's choices. A language also in its
# own name ("angličtina (English)"), so that whoever picked a language they cannot read finds the
# way back; a time zone by its city and its code ("New York (America/New_York)").
RIGHT_AS_THEY_ARE = [
    re.compile(r".+ \((English|čeština|українська)\)"),
    re.compile(r"[^()]+ \((?:(?:Europe|America|Asia|Africa)/[A-Za-z_]+|UTC)\)"),
    # The search page's help, whose examples are spellings in both scripts ("cap" finds "Čáp" and "Чап").
    re.compile(r".+\(cap \S+ Čáp \S+ Чап\)\."),
]

WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")
LATIN = re.compile(r"[A-Za-z]")

# Read-only: the page's text nodes and the attributes a person or a screen reader meets.
READ_TEXT = """() => {
    // Form values, and the icon font's ligatures (the editor's "format_bold" draws a bold B); and
    // stored text shown as text, cut into pieces by its own markup and by the marks of a diff: the
    // revisions' compared values, the translator screen's source text and its change.
    const skipped = "script, style, noscript, template, textarea, [contenteditable], .ProseMirror, .material-icons, "
        + "ins, del, .diff-old, .diff-new, .unchanged-field td, .revision-changes details > :not(summary), "
        + ".source-text, .source-change > :not(h3)";
    const texts = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
        const node = walker.currentNode;
        if (node.parentElement && !node.parentElement.closest(skipped)) texts.push(node.textContent);
    }
    for (const element of document.body.querySelectorAll("[title], [placeholder], [aria-label], [alt]")) {
        for (const name of ["title", "placeholder", "aria-label", "alt"]) {
            if (element.hasAttribute(name)) texts.push(element.getAttribute(name));
        }
    }
    for (const button of document.body.querySelectorAll("input[type=submit], input[type=button], input[type=reset]")) {
        texts.push(button.value);
    }
    return texts;
}"""


def normalised(text):
    return " ".join(text.split())


def database_texts():
    """Every text stored in the database, and every object's name in each language: content, not
    interface."""
    texts = set()
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        for obj in model._default_manager.all():
            for code in LANGUAGE_CODES:
                with translation.override(code):
                    texts.add(normalised(str(obj)))
            for value in (getattr(obj, name) for name in fields):
                if value:
                    texts.add(normalised(value))
                    texts.update(shown_as_text(value))
    texts.discard("")
    return texts


BLOCK_TAG = re.compile(r"</?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|thead|tbody|tr|th|td)\b[^>]*>")


def shown_as_text(value):
    """A rich-text value as the admin shows it as text (a revision compare, the translator screen):
    its text whole, and each block's (a paragraph, a heading, a list item) on its own."""
    if "<" not in value:
        return set()
    blocks = re.split(
        r"</?(?:p|h[1-6]|li|ul|ol|blockquote|figure|figcaption|table|thead|tbody|tr|th|td)\b[^>]*>", value
    )
    return {normalised(html.unescape(strip_tags(text))) for text in [value, *blocks]}


def is_content(text, stored):
    """Whether a text on a page is (a piece of) a stored value: the whole value, a value cut short
    ("…"), or a longer run of words from within one (a rich-text value shown as text)."""
    if text in stored:
        return True
    if text.endswith(("…", "...")) and any(value.startswith(text.rstrip("….").rstrip()) for value in stored):
        return True
    return len(text.split()) >= 4 and any(text in value for value in stored)


def first(model):
    return model._default_manager.order_by("pk").first()


def fill_parameters(model, pattern):
    """(args, kwargs) that reverse a model admin URL at an existing object, or None when the model
    has no object to show. Fails on a parameter it does not know."""
    obj = first(model)
    if obj is None:
        return None
    named = set(pattern.pattern.regex.groupindex)
    positional = pattern.pattern.regex.groups - len(named)
    kwargs = {}
    for name in named:
        if name in {"object_id", "id", "pk"}:
            kwargs[name] = obj.pk
        elif name == "code":  # a language the page works in (a translator screen)
            kwargs[name] = "cs"
        else:
            pytest.fail(f"admin URL {pattern.name} ({pattern.pattern}): teach fill_parameters its parameter {name}")
    if positional == 0:
        return (), kwargs
    if positional == 2 and pattern.name.endswith("_simple_history"):
        revision = obj.history.order_by("history_id").first()
        return ((obj.pk, revision.history_id), {}) if revision else None
    pytest.fail(f"admin URL {pattern.name} ({pattern.pattern}): teach fill_parameters its positional parameters")


def query_for(model, name):
    """The query string a page needs to show anything: a revision comparison compares two revisions."""
    if name.endswith("_compare"):
        revisions = first(model).history.order_by("history_id")
        if not revisions.exists():
            return None
        return f"?from={revisions.first().history_id}&to={revisions.last().history_id}"
    return ""


def may_open(model_admin, name, user):
    """Whether `user` may open a model admin's page at all (a superuser may not add access
    attempts, which django-axes records by itself)."""
    request = RequestFactory().get("/admin/")
    request.user = user
    if name.endswith("_add"):
        return model_admin.has_add_permission(request)
    if name.endswith("_delete"):
        return model_admin.has_delete_permission(request, first(model_admin.model))
    return model_admin.has_view_or_change_permission(request)


def admin_pages(user):
    """Every page of the admin that `user` may open, as (URL name, path): the site's own URLs, each
    app's index and each registered model's admin URLs at its first object."""
    pages = []
    for pattern in admin.site.get_urls():
        if not isinstance(pattern, URLPattern) or pattern.name is None or pattern.name in NOT_PAGES:
            continue
        if pattern.name == "app_list":
            labels = sorted({model._meta.app_label for model in admin.site._registry})
            pages += [("app_list", reverse("admin:app_list", args=[label])) for label in labels]
        elif pattern.pattern.regex.groups:
            pytest.fail(f"admin URL {pattern.name} ({pattern.pattern}): teach admin_pages its parameters")
        else:
            pages.append((pattern.name, reverse(f"admin:{pattern.name}")))
    for model, model_admin in admin.site._registry.items():
        for pattern in model_admin.get_urls():
            if pattern.name is None or not may_open(model_admin, pattern.name, user):
                continue
            filled = fill_parameters(model, pattern) if pattern.pattern.regex.groups else ((), {})
            query = query_for(model, pattern.name)
            if filled is not None and query is not None:
                path = reverse(f"admin:{pattern.name}", args=filled[0], kwargs=filled[1])
                pages.append((pattern.name, path + query))
    return pages


def texts_of(page):
    return [text for text in (normalised(raw) for raw in page.evaluate(READ_TEXT)) if text]


def words(text):
    """The words of a text of two letters or more, leaving out NAMES."""
    return [word for word in WORD.findall(NAMES.sub(" ", text)) if len(word) > 1]


def without_content(text, stored):
    """The text with every stored value in it blanked out: "Změnit heslo: chief" -> "Změnit heslo: "."""
    for value in sorted(stored, key=len, reverse=True):
        if len(value) > 2 and value in text:
            text = text.replace(value, " ")
    return text


def vocabulary(texts_by_page, stored):
    """The words of the English admin's interface (its content left out), in lower case."""
    return {
        word.lower()
        for texts in texts_by_page.values()
        for text in texts
        if not is_content(text, stored) and not is_right_as_it_is(text)
        for word in words(text)
    }


def is_right_as_it_is(text):
    return any(pattern.fullmatch(text) for pattern in RIGHT_AS_THEY_ARE)


def english_in(code, text, english_words):
    """The words of `text` that are English in an admin page in language `code`."""
    if is_right_as_it_is(text):
        return []
    found = [word for word in words(text) if word not in SAME_IN_EVERY_LANGUAGE]
    if code == "uk":
        return [word for word in found if LATIN.search(word)]
    return [word for word in found if word.lower() in english_words and word.lower() not in CZECH_TOO]


@pytest.fixture
def all_kinds_of_rows(shipped_content):
    """A row for the models the shipped content leaves empty, so that their change pages exist."""
    AccessAttempt.objects.create(username="someone", ip_address="127.0.0.1", user_agent="test", failures_since_start=1)
    AccessLog.objects.create(username="someone", ip_address="127.0.0.1", user_agent="test")
    AccessFailureLog.objects.create(username="someone", ip_address="127.0.0.1", user_agent="test")


def signed_in_page(live_site, context_options):
    return live_site.signed_in("chief", PASSWORD, **context_options)


def read_pages(page, live_site, paths):
    """{path: texts} for every path, failing on a page that does not answer 200 where it stays.
    A URL that only takes POST (405 to a GET) is an action, not a page, and one that answers
    something else than HTML (the slug rule's script) is not a page either: both are passed over."""
    texts = {}
    for path in paths:
        # Asked first without the page: Chromium shows an error answer without a body (Django's 405)
        # as a navigation error, which may then interrupt the next page's navigation.
        answer = page.request.get(live_site.url + path, max_redirects=0)
        if answer.status == 405 or not answer.headers.get("content-type", "").startswith("text/html"):
            continue
        response = page.goto(live_site.url + path)
        assert response.status == 200, f"{path} answers {response.status}"
        assert urlsplit(page.url).path == urlsplit(path).path, f"{path} went on to {page.url}"
        texts[path] = texts_of(page)
    return texts


def test_no_english_is_left_in_the_czech_and_ukrainian_admin(live_site, all_kinds_of_rows, django_user_model):
    chief = django_user_model.objects.create_superuser("chief", password=PASSWORD)
    preferences = AdminPreferences.objects.create(user=chief, language="en")
    paths = sorted({path for _name, path in admin_pages(chief)})
    # The browser's clock is in UTC and the admin's in Prague, so the time zone note shows too.
    context, page = signed_in_page(live_site, {"timezone_id": "UTC", "locale": "en-GB"})
    # Read after signing in, which the login records store.
    stored = database_texts()
    try:
        english = read_pages(page, live_site, paths)
        english_words = vocabulary(english, stored)
        found = defaultdict(list)
        for code in ("cs", "uk"):
            preferences.language = code
            preferences.save()
            for path, texts in read_pages(page, live_site, paths).items():
                for text in texts:
                    if is_content(text, stored):
                        continue
                    if english_in(code, text, english_words) and (
                        english := english_in(code, without_content(text, stored), english_words)
                    ):
                        found[(code, path)].append(f"{text!r} ({' '.join(english)})")
    finally:
        context.close()
    report = "\n".join(f"{code} {path}: {text}" for (code, path), texts in sorted(found.items()) for text in texts)
    print(report)
    assert not found, f"English text in {len(found)} admin pages:\n{report}"


def test_the_login_page_is_in_the_browsers_language(live_site):
    texts = {}
    for locale, code in (("en-GB", "en"), ("cs-CZ", "cs"), ("uk-UA", "uk")):
        context = live_site.browser.new_context(locale=locale)
        try:
            page = context.new_page()
            page.goto(f"{live_site.url}/admin/login/")
            assert page.locator("html").get_attribute("lang") == code
            texts[code] = texts_of(page)
        finally:
            context.close()
    english_words = vocabulary({"en": texts["en"]}, set())
    found = {code: [text for text in texts[code] if english_in(code, text, english_words)] for code in ("cs", "uk")}
    assert found == {"cs": [], "uk": []}
