"""Page titles that name a model read as whole phrases in each language, with the model's name in
the case the sentence needs ("Změnit aktualitu", "Змінити новину"), and delete pages leave out the
link rows Django cannot name."""

import html as html_module
import re

import pytest
from django.contrib import admin

from core.admin.titles import ModelTitles
from news.models import NewsItem
from testing.admin_support import sample_content


def test_every_registered_model_admin_declares_its_titles():
    missing = [model._meta.label for model, model_admin in admin.site._registry.items() if model_admin.titles is None]
    assert missing == []
    assert all(isinstance(model_admin.titles, ModelTitles) for model_admin in admin.site._registry.values())


def title_and_breadcrumbs(response):
    html = response.content.decode()
    title = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1).strip()
    crumbs = re.search(r'<div class="breadcrumbs">(.*?)</div>', html, re.S).group(1)
    return title, " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", crumbs)).split())


@pytest.mark.parametrize(
    ("language", "change", "add", "select", "delete"),
    [
        ("cs", "Změnit aktualitu", "Přidat aktualitu", "Vyberte aktualitu ke změně", "Odstranit aktualitu"),
        ("uk", "Змінити новину", "Додати новину", "Виберіть новину, щоб змінити", "Видалити новину"),
        ("en", "Change news item", "Add news item", "Select news item to change", "Delete news item"),
    ],
)
def test_the_news_items_pages_name_it_in_the_accusative(admin_client, language, change, add, select, delete):
    item = sample_content()["newsitem"]
    get = lambda path: admin_client.get(path, HTTP_ACCEPT_LANGUAGE=language)  # noqa: E731

    title, _crumbs = title_and_breadcrumbs(get(f"/admin/news/newsitem/{item.pk}/change/"))
    assert title == change
    title, crumbs = title_and_breadcrumbs(get("/admin/news/newsitem/add/"))
    assert title == add and crumbs.endswith(f"› {add}")
    changelist = get("/admin/news/newsitem/")
    assert title_and_breadcrumbs(changelist)[0] == select
    assert re.search(rf'class="addlink">\s*{add}\s*</a>', changelist.content.decode())
    assert title_and_breadcrumbs(get(f"/admin/news/newsitem/{item.pk}/delete/"))[0] == delete


def test_django_and_axes_models_have_their_titles_too(admin_client, admin_user):
    page = admin_client.get(f"/admin/auth/user/{admin_user.pk}/change/", HTTP_ACCEPT_LANGUAGE="uk")
    assert title_and_breadcrumbs(page)[0] == "Змінити користувача"
    page = admin_client.get("/admin/axes/accessattempt/", HTTP_ACCEPT_LANGUAGE="cs")
    assert title_and_breadcrumbs(page)[0] == "Vyberte pokus o přihlášení ke změně"


def test_a_title_a_view_sets_itself_is_kept(admin_client):
    item = sample_content()["newsitem"]
    model_admin = admin.site.get_model_admin(NewsItem)
    assert model_admin.titled("Compare revisions", [("Change %s", model_admin.titles.change)]) == "Compare revisions"
    assert model_admin.titled(f"Change {NewsItem._meta.verbose_name}", [("Change %s", "Ours")]) == "Ours"
    assert admin_client.get(f"/admin/news/newsitem/{item.pk}/change/").status_code == 200


def test_the_delete_page_leaves_out_the_rows_that_only_link_two_items(admin_client):
    content = sample_content()
    item = content["newsitem"]
    item.programmes.add(content["programme"])
    html = admin_client.get(f"/admin/news/newsitem/{item.pk}/delete/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "relationship" not in html and "object (" not in html
    assert "Are you sure you want to delete the news item" in html


@pytest.mark.parametrize(("language", "count"), [("cs", "Aktuality: 6"), ("uk", "Новини: 6"), ("en", "News items: 6")])
def test_the_list_counts_its_items_after_the_models_name_in_any_number(admin_client, language, count):
    sample_content()
    for number in range(5):
        NewsItem.objects.create(title_en=f"Item {number}", lead_en="Lead.")
    html = admin_client.get("/admin/news/newsitem/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    paginator = re.search(r'<p class="paginator">(.*?)</p>', html, re.S).group(1)
    assert " ".join(paginator.split()) == count
