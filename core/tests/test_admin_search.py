"""The admin's search over every kind of content, and each list's search: every language, case and
diacritics ignored, Latin and Cyrillic spellings alike, only what the user may see."""

import pytest
from django.contrib.auth.models import Permission, User
from django.utils import translation

from core.search import search_fold
from history.models import Director, Milestone
from news.models import NewsItem
from programmes.models import Programme, Project
from testing.admin_support import user_in
from testing.site_content import make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    news = make_news(
        {
            "title": {"en": "Integration centres", "cs": "Integrační centra v krajích"},
            "lead": {"en": "Regional centres.", "cs": "Centra v krajích."},
        }
    )
    programme = Programme.objects.create(
        title_en="Integration", summary_en="Help.", title_cs="Integrační programy", summary_cs="Pomoc."
    )
    director = Director.objects.create(name="Jan Čáp", role_en="Head of office")
    milestone = Milestone.objects.create(
        date="2022-03-01", title_uk="Пан Чап відкриває центр", body_uk="<p>Інтеграційний центр у Брно.</p>"
    )
    Project.objects.create(programme=programme, title_en="Summer School", summary_en="Research.")
    return {"news": news, "programme": programme, "director": director, "milestone": milestone}


def search(client, query):
    with translation.override("en"):
        response = client.get("/admin/search/", {"q": query})
    assert response.status_code == 200
    return {str(group["kind"]): [obj for obj, _url in group["items"]] for group in response.context["groups"]}


def test_folding_meets_czech_ukrainian_and_english_spellings():
    assert search_fold("Integrační") == search_fold("INTEGRACNI") == "integracni"
    assert search_fold("Čáp") == search_fold("Чап") == search_fold("chap") == search_fold("cap") == "cap"
    assert search_fold("Щука šči") == "scuka sci"


def test_a_search_without_diacritics_finds_the_czech_text(admin_client, content):
    assert search(admin_client, "integracni") == {
        "news items": [content["news"]],
        "programmes": [content["programme"]],
    }
    assert search(admin_client, "integrační") == search(admin_client, "integracni")


def test_latin_finds_cyrillic_and_cyrillic_finds_latin(admin_client, content):
    found = {"directors": [content["director"]], "milestones": [content["milestone"]]}
    assert search(admin_client, "cap") == found
    assert search(admin_client, "chap") == found
    assert search(admin_client, "ЧАП") == found
    assert search(admin_client, "intehratsiinyi") == {"milestones": [content["milestone"]]}


def test_every_word_must_be_found(admin_client, content):
    assert search(admin_client, "centra krajich") == {"news items": [content["news"]]}
    assert search(admin_client, "centra nowhere") == {}
    assert "Nothing found for" in admin_client.get("/admin/search/", {"q": "nowhere"}).content.decode()


def test_results_link_to_each_items_change_page(admin_client, content):
    with translation.override("en"):
        html = admin_client.get("/admin/search/", {"q": "Čáp"}).content.decode()
    assert f'href="/admin/history/director/{content["director"].pk}/change/"' in html


def test_a_user_sees_only_the_kinds_of_content_they_may_view(client, content):
    user = User.objects.create_user("reader", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_newsitem"))
    client.force_login(user)
    assert search(client, "integracni") == {"news items": [content["news"]]}


def test_every_role_finds_every_kind_it_may_see(client, content):
    client.force_login(user_in("Translator"))
    assert set(search(client, "cap")) == {"directors", "milestones"}


def test_the_admin_home_has_the_search_box(admin_client):
    with translation.override("en"):
        html = admin_client.get("/admin/").content.decode()
    assert 'action="/admin/search/"' in html and 'name="q"' in html


def test_the_search_page_needs_a_staff_login(client):
    assert client.get("/admin/search/", {"q": "cap"}).status_code == 302


def test_a_lists_search_follows_the_same_rule(admin_client, content):
    with translation.override("en"):
        response = admin_client.get("/admin/news/newsitem/", {"q": "INTEGRACNI krajich"})
        assert list(response.context["cl"].result_list) == [content["news"]]
        response = admin_client.get("/admin/history/director/", {"q": "chap"})
        assert list(response.context["cl"].result_list) == [content["director"]]
        response = admin_client.get("/admin/history/milestone/", {"q": "cap"})
        assert list(response.context["cl"].result_list) == [content["milestone"]]


def test_the_folded_text_follows_every_save(content):
    news = NewsItem.objects.get(pk=content["news"].pk)
    news.title_uk, news.lead_uk = "Інтеграційні центри", "Центри."
    news.save()
    assert "intehratsiini" in NewsItem.objects.get(pk=news.pk).admin_search_text
