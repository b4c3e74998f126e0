"""The preview of an admin form as typed: the item's public page per language, nothing saved."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from news.models import NewsItem
from programmes.models import Project
from testing.admin_support import form_data, sample_content, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    return sample_content()


def change_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def preview_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/preview/"


def preview(client, item, **changes):
    with translation.override("en"):
        data = form_data(client.get(change_url(item)), **changes)
        return client.post(preview_url(item), data)


def page(response, code):
    """The HTML of one language's page in the preview (None when the item lacks that language)."""
    return {language: html for language, _name, html, _missing in response.context["pages"]}[code]


def test_the_unsaved_czech_title_and_body_show_in_the_czech_public_page_and_nothing_is_saved(admin_client, content):
    item = content["newsitem"]
    revisions = item.history.count()
    response = preview(
        admin_client,
        item,
        title_cs="Neuložený titulek",
        body_cs="<p>Neuložený <strong>text</strong>.</p>",
        _preview_language="cs",
    )
    assert response.status_code == 200
    czech, english = page(response, "cs"), page(response, "en")
    assert '<html lang="cs">' in czech and "<h1>Neuložený titulek</h1>" in czech
    assert '<div class="rich-text"><p>Neuložený <strong>text</strong>.</p></div>' in czech
    assert '<article class="wrap article">' in czech and "Náhled neuložených změn" in czech
    assert "<h1>25 years in Czechia</h1>" in english and "Neuložený" not in english
    html = response.content.decode()
    assert 'srcdoc="&lt;!doctype html&gt;' in html and 'data-language="cs" aria-label' in html
    stored = NewsItem.objects.get(pk=item.pk)
    assert (stored.title_cs, stored.body_cs, stored.history.count()) == ("25 let v Česku", None, revisions)


def test_the_preview_is_never_cached_nor_indexed(admin_client, content):
    response = preview(admin_client, content["newsitem"])
    assert "no-store" in response["Cache-Control"] and response["X-Robots-Tag"].startswith("noindex")
    assert '<meta name="robots" content="noindex">' in page(response, "en")


def test_a_language_the_form_leaves_empty_is_named_with_what_it_lacks(admin_client, content):
    response = preview(admin_client, content["programme"])
    assert page(response, "uk") is None
    assert "Readers would not see this item in this language (Ukrainian): fill in title, slug, summary." in (
        response.content.decode()
    )


def test_a_form_with_errors_shows_them_instead_of_a_preview(admin_client, content):
    item = content["newsitem"]
    response = preview(admin_client, item, lead_cs="", title_cs="Jen titulek", slug_en="bad slug!")
    html = response.content.decode()
    assert response.status_code == 400 and "pages" not in response.context
    assert "The form has errors, so there is no preview." in html
    assert "<strong>Lead [cs]</strong>: Required for Czech, because other Czech fields are filled in." in html
    assert "<strong>Slug [en]</strong>:" in html and "srcdoc" not in html
    assert NewsItem.objects.get(pk=item.pk).title_cs == "25 let v Česku"


def test_result_rows_show_as_typed_and_none_is_saved(admin_client, content):
    project = content["project"]
    response = preview(
        admin_client,
        project,
        **{
            "results-0-label_uk": "осіб повернулося додому",
            "results-TOTAL_FORMS": "2",
            "results-1-label_en": "grants paid",
            "results-1-label_uk": "виплачених грантів",
            "results-1-value": "120",
            "results-1-order": "1",
            "results-1-qualifier": "",
        },
    )
    ukrainian = page(response, "uk")
    assert "осіб повернулося додому" in ukrainian and "виплачених грантів" in ukrainian
    assert ukrainian.index("осіб повернулося додому") < ukrainian.index("виплачених грантів")
    assert [r.label_uk for r in Project.objects.get(pk=project.pk).results.all()] == ["осіб повернулися"]


def test_a_result_marked_for_deletion_is_left_out_of_the_preview_and_kept(admin_client, content):
    project = content["project"]
    response = preview(admin_client, project, **{"results-0-DELETE": "on"})
    assert "осіб повернулися" not in page(response, "uk")
    assert project.results.count() == 1


def test_only_staff_who_may_change_the_item_preview_it_by_a_csrf_protected_post(admin_client, content):
    item = content["newsitem"]
    data = form_data(admin_client.get(change_url(item)))
    assert admin_client.get(preview_url(item)).status_code == 405
    assert Client().post(preview_url(item), data).status_code == 302
    viewer = Client()
    viewer.force_login(User.objects.create_user("viewer", password="x", is_staff=True))
    assert viewer.post(preview_url(item), data).status_code == 403
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user_in("Editor"))
    assert strict.post(preview_url(item), data).status_code == 403


def test_the_change_form_offers_a_preview_per_language_that_opens_in_a_new_tab(admin_client, content):
    with translation.override("en"):
        html = admin_client.get(change_url(content["newsitem"])).content.decode()
        director = admin_client.get(change_url(content["director"])).content.decode()
    assert f'form="newsitem_form" formaction="{preview_url(content["newsitem"])}"' in html
    assert 'formtarget="_blank" formnovalidate name="_preview_language" value="cs"' in html
    assert ">Preview CS</button>" in html and ">Preview UK</button>" in html
    assert "_preview_language" not in director


def test_a_published_items_draft_is_previewed_with_what_was_typed_on_it(content):
    project = content["project"]
    editor = Client()
    editor.force_login(user_in("Editor"))
    with translation.override("en"):
        data = form_data(editor.get(change_url(project)), **{"results-0-label_uk": "осіб у чернетці"})
        assert editor.post(change_url(project), data).status_code == 302
    assert [r.label_uk for r in Project.objects.get(pk=project.pk).results.all()] == ["осіб повернулися"]
    response = preview(editor, project, title_uk="Набраний заголовок")
    ukrainian = page(response, "uk")
    assert "<h1>Набраний заголовок</h1>" in ukrainian and "осіб у чернетці" in ukrainian
    assert Project.objects.get(pk=project.pk).title_uk == "Проєкт повернення"
