"""The translator screen: the English beside the translation field by field, what changed in the English
since the translation was confirmed, copying, saving through the admin's rules, marking as up to date."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from core.translation_sources import outdated_fields, source_text_when_translated
from core.translation_status import State, states
from news.models import NewsItem
from testing.admin_support import page_form_data, user_in

pytestmark = pytest.mark.django_db

OLD_BODY = "<h2>Integration</h2><p>The centre helps migrants in Prague.</p>"
NEW_BODY = "<h2>Integration</h2><p>The centre helps refugees in Prague and Brno.</p>"


def screen_url(item, code="cs"):
    return f"/admin/news/newsitem/{item.pk}/translate/{code}/"


@pytest.fixture
def item():
    """A news item translated into Czech and Ukrainian, whose English body then changed."""
    item = NewsItem.objects.create(
        title_en="Integration centre",
        lead_en="A lead.",
        body_en=OLD_BODY,
        title_cs="Integrační centrum",
        lead_cs="Perex.",
        body_cs="<h2>Integrace</h2><p>Centrum pomáhá migrantům v Praze.</p>",
        title_uk="Центр інтеграції",
        lead_uk="Лід.",
    )
    item.body_en = NEW_BODY
    item.save()
    return NewsItem.objects.get(pk=item.pk)


@pytest.fixture
def translator():
    client = Client()
    client.force_login(user_in("Translator"))
    return client


def post_screen(client, item, code="cs", **changes):
    page = client.get(screen_url(item, code)).content.decode()
    return client.post(screen_url(item, code), page_form_data(page, "translation-form", **changes))


def test_the_screen_shows_the_english_as_text_beside_the_translation_fields(translator, item):
    response = translator.get(screen_url(item))
    html = response.content.decode()
    assert response.status_code == 200
    assert (
        '<div class="source-text"><h2>Integration</h2><p>The centre helps refugees in Prague and Brno.</p></div>'
        in html
    )
    assert "&lt;h2&gt;" not in html.split('id="translation-form"')[1].split("<textarea")[0]
    assert re.search(r'<textarea name="body_cs"[^>]*data-iomcz-richtext', html)
    assert '<input type="text" name="title_cs" value="Integrační centrum"' in html
    assert 'name="title_en"' not in html and 'name="body_uk"' not in html
    assert '<div class="source-text"><p>Integration centre</p></div>' in html
    assert "Title — English" in html and "Title — Czech" in html
    headings = re.findall(r'<h2 id="heading-(\w+)">', html)
    assert headings == ["title", "lead", "body", "image_alt", "image_caption"]  # the change form's order


def test_a_field_whose_english_changed_shows_the_change_word_by_word(translator, item):
    html = translator.get(screen_url(item)).content.decode()
    body = html.split('id="translate-body"')[1].split("</section>")[0]
    assert "What changed in the English since the translation was last confirmed" in body
    assert "The centre helps <del>migrants</del><ins>refugees</ins> in Prague<ins> and Brno</ins>." in body
    title = html.split('id="translate-title"')[1].split("</section>")[0]
    assert "What changed" not in title and 'value="body"' not in title


def test_the_old_english_is_found_in_the_revisions(item):
    assert source_text_when_translated(item, "cs", "body") == OLD_BODY
    assert source_text_when_translated(item, "cs", "title") == "Integration centre"
    assert source_text_when_translated(item, "uk", "body") is None


def test_when_no_revision_holds_the_old_english_the_screen_says_so(translator, item):
    item.history.filter(body_en=OLD_BODY).delete()
    html = translator.get(screen_url(item)).content.decode()
    assert "The English text this translation was made from is not in the item's history." in html


def test_each_field_offers_to_copy_its_english(translator, item):
    html = translator.get(screen_url(item, "uk")).content.decode()
    assert (
        '<button type="button" class="button copy-source" data-copy-to="id_body_uk" data-source="'
        '&lt;h2&gt;Integration&lt;/h2&gt;&lt;p&gt;The centre helps refugees in Prague and Brno.&lt;/p&gt;" '
        'data-confirm="“Body” already has a translation. Replace it with the source text? What is written there '
        'now will be lost.">'
    ) in html
    assert 'src="/static/js/translator.js"' in html and "<script>" not in html


def test_a_translator_saves_the_czech_and_the_save_keeps_a_revision(translator, item):
    response = post_screen(translator, item, title_cs="Integrační centrum Praha", body_cs="<p>Nový text.</p>")
    assert response.status_code == 302 and response["Location"] == screen_url(item)
    item.refresh_from_db()
    assert (item.title_cs, item.body_cs, item.title_en) == (
        "Integrační centrum Praha",
        "<p>Nový text.</p>",
        "Integration centre",
    )
    latest = item.history.latest()
    assert (latest.history_user.username, latest.body_cs, item.updated_by.username) == (
        "translator",
        "<p>Nový text.</p>",
        "translator",
    )
    assert states(item)["cs"] == State.COMPLETE  # a saved new body is a translation of today's English


def test_the_screen_changes_only_its_own_language_and_never_the_english(translator, item):
    post_screen(
        translator, item, title_cs="Nový", title_en="Hacked", body_en="<p>Hacked</p>", status="published", title_uk="Ні"
    )
    item.refresh_from_db()
    assert (item.title_cs, item.title_en, item.body_en, item.status) == (
        "Nový",
        "Integration centre",
        NEW_BODY,
        "draft",
    )
    assert item.title_uk == "Центр інтеграції"  # the Czech screen changes only Czech


def test_the_screen_is_only_for_target_languages_and_for_roles_that_may_change_items(translator, item):
    assert translator.get(screen_url(item, "en")).status_code == 404
    assert translator.get(screen_url(item, "de")).status_code == 404
    assert translator.get(f"/admin/news/newsitem/{item.pk + 99}/translate/cs/").status_code == 404
    viewer = Client()
    viewer.force_login(user_in("Editor", "viewer"))
    assert viewer.get(screen_url(item)).status_code == 200
    outsider = Client()
    outsider.force_login(User.objects.create_user("outsider", password="x", is_staff=True))
    assert outsider.get(screen_url(item)).status_code == 403
    assert outsider.post(f"{screen_url(item)}mark/", {"field": ""}).status_code == 403


def test_a_save_after_someone_else_saved_is_refused_and_keeps_the_text(translator, item):
    page = translator.get(screen_url(item)).content.decode()
    other = NewsItem.objects.get(pk=item.pk)
    other.title_uk = "Інший"
    other.save()
    response = translator.post(screen_url(item), page_form_data(page, "translation-form", title_cs="Můj text"))
    html = response.content.decode()
    assert response.status_code == 200 and "after you opened it" in html and 'value="Můj text"' in html
    assert NewsItem.objects.get(pk=item.pk).title_cs == "Integrační centrum"


def test_an_incomplete_translation_is_refused_naming_the_field(translator, item):
    response = post_screen(translator, item, title_cs="")
    assert response.status_code == 200
    assert "Required for Czech, because other Czech fields are filled in." in response.content.decode()
    assert NewsItem.objects.get(pk=item.pk).title_cs == "Integrační centrum"


def test_marking_one_field_up_to_date_keeps_the_others_outdated(translator, item):
    item.title_en = "Integration centre!"
    item.save()
    response = translator.post(f"{screen_url(item)}mark/", {"field": "body"}, follow=True)
    assert "Body (Czech) is marked as up to date with the English." in response.content.decode()
    item.refresh_from_db()
    assert outdated_fields(item, "cs") == ["title"] and outdated_fields(item, "uk") == ["title"]
    assert item.history.latest().history_user.username == "translator"


def test_marking_the_whole_language_up_to_date(translator, item):
    response = translator.post(f"{screen_url(item)}mark/", {"field": ""}, follow=True)
    assert "Czech is marked as up to date with the English." in response.content.decode()
    item.refresh_from_db()
    assert states(item)["cs"] == State.COMPLETE


def test_marking_an_unknown_field_is_refused_by_name(translator, item):
    response = translator.post(f"{screen_url(item)}mark/", {"field": "status"}, follow=True)
    assert "“status” is not a translated field of this item." in response.content.decode()
    assert states(NewsItem.objects.get(pk=item.pk))["cs"] == State.OUTDATED
    assert translator.get(f"{screen_url(item)}mark/").status_code == 405


def test_the_screen_is_linked_from_the_dashboard_and_the_change_form(translator, item):
    dashboard = translator.get("/admin/translations/").content.decode()
    assert f'<a href="{screen_url(item)}" class="translator-link">translate</a>' in dashboard
    change = translator.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert f'<a href="{screen_url(item, "cs")}" class="translator-link">' in change
    assert f'<a href="{screen_url(item, "uk")}" class="translator-link">' in change


def test_the_screen_speaks_czech_and_ukrainian(translator, item):
    for code, texts in (
        ("cs", ["Uložit překlad (čeština)", "Zkopírovat zdrojový text (angličtina)", "Označit jako aktuální"]),
        ("uk", ["Зберегти переклад (чеська)", "Скопіювати вихідний текст (англійська)", "Позначити як актуальне"]),
    ):
        with translation.override(code):
            html = translator.get(screen_url(item), HTTP_ACCEPT_LANGUAGE=code).content.decode()
        for text in texts:
            assert text in html, (code, text)
