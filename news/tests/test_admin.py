import pytest
from django.utils import translation

from news.models import NewsItem
from testing.admin_support import form_data, sample_content

pytestmark = pytest.mark.django_db

ITEMS = {
    "en": {"title_en": "New office in Brno", "lead_en": "We open a second office."},
    "cs": {"title_cs": "Nová kancelář v Brně", "lead_cs": "Otevíráme druhou kancelář."},
    "uk": {"title_uk": "Новий офіс у Брно", "lead_uk": "Ми відкриваємо другий офіс."},
}


@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_every_news_admin_page_renders_for_a_superuser(admin_client, page):
    item = sample_content()["newsitem"]
    url = {
        "changelist": "/admin/news/newsitem/",
        "add": "/admin/news/newsitem/add/",
        "change": f"/admin/news/newsitem/{item.pk}/change/",
    }[page]
    with translation.override("en"):
        response = admin_client.get(url)
    assert response.status_code == 200


def test_the_news_list_has_a_date_hierarchy_by_publication_date(admin_client):
    item = sample_content()["newsitem"]
    with translation.override("en"):
        response = admin_client.get("/admin/news/newsitem/", {"published_at__year": item.published_at.year})
    assert list(response.context["cl"].queryset) == [item]
    assert response.context["cl"].date_hierarchy == "published_at"
    assert '<nav class="toplinks">' in response.content.decode()


@pytest.mark.parametrize("code", ["en", "cs", "uk"])
def test_a_news_item_saves_through_the_admin_in_one_language(admin_client, admin_user, code):
    with translation.override("en"):
        data = form_data(admin_client.get("/admin/news/newsitem/add/"), **ITEMS[code], body_en=None)
        data[f"body_{code}"] = ["<p>Text <script>alert(1)</script></p>"]
        response = admin_client.post("/admin/news/newsitem/add/", data)
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.available_languages() == [code]
    assert item.column("body", code) == "<p>Text </p>"
    assert (item.created_by, item.updated_by) == (admin_user, admin_user)


def test_changing_a_news_item_keeps_its_creator_and_records_who_changed_it(client, admin_client, django_user_model):
    item = sample_content()["newsitem"]
    other = django_user_model.objects.create_superuser("other", password="x")
    NewsItem.objects.filter(pk=item.pk).update(created_by=other)
    url = f"/admin/news/newsitem/{item.pk}/change/"
    with translation.override("en"):
        response = admin_client.post(url, form_data(admin_client.get(url), lead_en="A new lead."))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.lead_en, item.created_by.username, item.updated_by.username) == ("A new lead.", "other", "admin")


def test_a_duplicate_english_slug_is_a_form_error(admin_client):
    existing = sample_content()["newsitem"]
    with translation.override("en"):
        data = form_data(admin_client.get("/admin/news/newsitem/add/"), **ITEMS["en"], slug_en=existing.slug_en)
        response = admin_client.post("/admin/news/newsitem/add/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["slug_en"]
    assert NewsItem.objects.count() == 1


def test_a_title_without_a_lead_names_the_missing_lead(admin_client):
    with translation.override("en"):
        data = form_data(admin_client.get("/admin/news/newsitem/add/"), title_cs="Jen titulek")
        response = admin_client.post("/admin/news/newsitem/add/", data)
    assert response.context["adminform"].form.errors["lead_cs"] == [
        "Required for Czech, because other Czech fields are filled in."
    ]
    assert not NewsItem.objects.exists()


@pytest.mark.parametrize("query", ["25 let v Česku", "25 років у Чехії"])
def test_search_finds_a_news_item_by_its_czech_or_ukrainian_title(admin_client, query):
    item = sample_content()["newsitem"]
    NewsItem.objects.create(title_en="Another", lead_en="Lead")
    with translation.override("en"):
        response = admin_client.get("/admin/news/newsitem/", {"q": query})
    assert list(response.context["cl"].queryset) == [item]


def test_slugs_are_prepopulated_from_the_title_of_the_same_language(admin_client):
    with translation.override("en"):
        adminform = admin_client.get("/admin/news/newsitem/add/").context["adminform"]
    pairs = {(p["field"].name, tuple(d.name for d in p["dependencies"])) for p in adminform.prepopulated_fields}
    assert pairs == {("slug_en", ("title_en",)), ("slug_cs", ("title_cs",)), ("slug_uk", ("title_uk",))}


def test_the_change_form_shows_who_created_and_changed_the_item_in_prague_time(admin_client, admin_user):
    item = sample_content()["newsitem"]
    NewsItem.objects.filter(pk=item.pk).update(created_by=admin_user, updated_by=admin_user)
    with translation.override("en"):
        response = admin_client.get(f"/admin/news/newsitem/{item.pk}/change/")
    audit = next(fieldset for fieldset in response.context["adminform"] if fieldset.name == "Created and changed")
    assert audit.classes == "collapse"
    assert audit.description == "Times are in the time zone Europe/Prague."
    html = response.content.decode()
    user_link = f'<div class="readonly"><a href="/admin/auth/user/{admin_user.pk}/change/">admin</a></div>'
    assert html.count(user_link) == 2
