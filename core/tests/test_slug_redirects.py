"""Old addresses kept: a changed slug leaves a 301 from the old address in its language."""

import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from core.i18n import reverse_in_language, url_in_language
from core.models import SlugRedirect, Status
from history.models import Milestone
from news.models import NewsItem
from testing.admin_support import form_data
from testing.site_content import make_news

pytestmark = pytest.mark.django_db

TEXTS = {
    "title": {"en": "New office in Brno", "cs": "Nová kancelář v Brně", "uk": "Новий офіс у Брно"},
    "lead": {"en": "A second office.", "cs": "Druhá kancelář.", "uk": "Другий офіс."},
}


def news_path(code, slug):
    return reverse_in_language(code, "news:detail", {"slug": slug})


def rename(item, code, slug):
    setattr(item, f"slug_{code}", slug)
    item.save()


def test_an_old_address_answers_301_to_the_new_one_in_its_language(client):
    item = make_news(TEXTS)
    assert item.slug_cs == "nova-kancelar-v-brne"
    rename(item, "cs", "kancelar-v-brne")
    response = client.get("/cs/aktuality/nova-kancelar-v-brne/")
    assert response.status_code == 301
    assert response["Location"] == "/cs/aktuality/kancelar-v-brne/"
    assert client.get(response["Location"]).status_code == 200
    # The other languages' addresses did not change and have no redirect.
    assert client.get(news_path("uk", "novyi-ofis-u-brno")).status_code == 200
    assert list(SlugRedirect.objects.values_list("language", "old_path")) == [
        ("cs", "/cs/aktuality/nova-kancelar-v-brne/")
    ]


def test_head_gets_the_same_redirect_and_the_query_string_is_kept(client):
    item = make_news(TEXTS)
    rename(item, "en", "brno-office")
    response = client.head("/en/news/new-office-in-brno/?utm_source=x")
    assert (response.status_code, response["Location"]) == (301, "/en/news/brno-office/?utm_source=x")


def test_a_chain_of_renames_is_one_redirect_to_the_address_now(client):
    item = make_news(TEXTS)
    rename(item, "en", "second")
    rename(item, "en", "third")
    for old in ("new-office-in-brno", "second"):
        response = client.get(news_path("en", old))
        assert (response.status_code, response["Location"]) == (301, "/en/news/third/")


def test_renaming_back_drops_the_redirect_from_the_address_in_use(client):
    item = make_news(TEXTS)
    rename(item, "en", "second")
    rename(item, "en", "new-office-in-brno")
    assert client.get(news_path("en", "new-office-in-brno")).status_code == 200
    assert client.get(news_path("en", "second"))["Location"] == "/en/news/new-office-in-brno/"
    assert not SlugRedirect.objects.filter(old_path="/en/news/new-office-in-brno/").exists()


def test_a_new_item_that_takes_an_old_address_wins_over_the_redirect(client):
    item = make_news(TEXTS)
    rename(item, "en", "brno-office")
    assert client.get("/en/news/new-office-in-brno/").status_code == 301
    newer = make_news({"title": {"en": "New office in Brno"}, "lead": {"en": "Another item."}})
    response = client.get("/en/news/new-office-in-brno/")
    assert response.status_code == 200
    assert response.context["object"] == newer
    assert not SlugRedirect.objects.filter(old_path="/en/news/new-office-in-brno/").exists()


def test_deleting_an_item_deletes_its_old_addresses(client):
    item = make_news(TEXTS)
    rename(item, "en", "brno-office")
    other = make_news({"title": {"en": "Other"}, "lead": {"en": "Other."}})
    rename(other, "en", "another")
    NewsItem.objects.filter(pk=item.pk).delete()
    assert list(SlugRedirect.objects.values_list("old_path", flat=True)) == ["/en/news/other/"]
    assert client.get("/en/news/new-office-in-brno/").status_code == 404


def test_an_item_the_public_cannot_see_redirects_nowhere(client):
    item = make_news(TEXTS)
    rename(item, "en", "brno-office")
    NewsItem.objects.filter(pk=item.pk).update(status=Status.DRAFT)
    assert client.get("/en/news/new-office-in-brno/").status_code == 404


def test_the_page_cache_never_keeps_a_redirect(client):
    item = make_news(TEXTS)
    rename(item, "en", "brno-office")
    assert client.get("/en/news/new-office-in-brno/").status_code == 301
    rename(item, "en", "new-office-in-brno")
    response = client.get("/en/news/new-office-in-brno/")
    assert response.status_code == 200
    assert "no-cache" not in response.get("Cache-Control", "")  # a public page, cacheable again
    assert client.get("/en/news/brno-office/")["Location"] == "/en/news/new-office-in-brno/"


def test_only_a_page_not_found_looks_for_a_redirect(client):
    make_news(TEXTS)
    for path, looked in (("/en/news/new-office-in-brno/", False), ("/en/news/no-such-item/", True)):
        with CaptureQueriesContext(connection) as queries:
            client.get(path)
        assert any("core_slugredirect" in query["sql"] for query in queries.captured_queries) is looked, path


def test_an_import_that_changes_a_slug_leaves_a_redirect(client, shipped_content, settings, tmp_path):
    data = json.loads((settings.BASE_DIR / "data" / "04-news.json").read_text())
    record = data["records"][0]
    item = NewsItem.objects.get(key=record["key"])
    old = url_in_language(item, "uk")
    record["slug"]["uk"] = "mom-u-chekhii-25-rokiv"
    (tmp_path / "news.json").write_text(json.dumps(data, ensure_ascii=False))
    call_command("import_content", str(tmp_path / "news.json"), verbosity=0)
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, "/uk/novyny/mom-u-chekhii-25-rokiv/")


def change(admin_client, item, **changes):
    url = f"/admin/news/newsitem/{item.pk}/change/"
    with translation.override("en"):
        response = admin_client.post(url, form_data(admin_client.get(url), **changes), follow=True)
    item.refresh_from_db()
    return [str(message) for message in response.context["messages"]]


def test_the_editor_is_told_that_an_address_changed(admin_client):
    item = make_news(TEXTS)
    messages = change(admin_client, item, slug_cs="kancelar-brno")
    assert (
        "The Czech address changed from /cs/aktuality/nova-kancelar-v-brne/ to /cs/aktuality/kancelar-brno/; "
        "the old address now redirects." in messages
    )
    assert not [message for message in messages if "English" in message or "Ukrainian" in message]


def test_a_slug_made_from_the_old_title_follows_a_new_title(admin_client, client):
    item = make_news(TEXTS)
    messages = change(admin_client, item, title_uk="Новий офіс у Брно відкрито")
    assert item.slug_uk == "novyi-ofis-u-brno-vidkryto"
    assert (
        "The Ukrainian address changed from /uk/novyny/novyi-ofis-u-brno/ to /uk/novyny/novyi-ofis-u-brno-vidkryto/; "
        "the old address now redirects." in messages
    )
    assert client.get("/uk/novyny/novyi-ofis-u-brno/")["Location"] == "/uk/novyny/novyi-ofis-u-brno-vidkryto/"
    assert item.slug_en == "new-office-in-brno"


def test_a_slug_written_by_hand_stays_when_the_title_changes_and_the_editor_is_told(admin_client):
    item = make_news(TEXTS, slug_cs="brno")
    messages = change(admin_client, item, title_cs="Nová kancelář v Brně otevřena")
    assert item.slug_cs == "brno"
    assert (
        "The Czech title changed, but the Czech slug “brno” was written by hand, so it stays; "
        "change it if the address should follow the new title." in messages
    )
    assert not SlugRedirect.objects.exists()


def test_a_slug_that_would_follow_the_title_onto_another_items_slug_stays(admin_client):
    make_news({"title": {"en": "Office opened"}, "lead": {"en": "Other."}})
    item = make_news(TEXTS)
    messages = change(admin_client, item, title_en="Office opened")
    assert item.slug_en == "new-office-in-brno"
    assert any("already used by another item" in message for message in messages)


def test_changing_the_title_and_the_slug_together_keeps_the_editors_slug(admin_client):
    item = make_news(TEXTS)
    change(admin_client, item, title_en="Brno office opened", slug_en="brno")
    assert item.slug_en == "brno"


def test_a_milestone_has_no_page_so_its_editor_is_told_only_of_the_slug(admin_client):
    milestone = Milestone.objects.create(date="2004-05-01", title_en="EU accession", status=Status.PUBLISHED)
    url = f"/admin/history/milestone/{milestone.pk}/change/"
    with translation.override("en"):
        response = admin_client.post(url, form_data(admin_client.get(url), slug_en="eu"), follow=True)
    assert "The English slug changed from “eu-accession” to “eu”." in [str(m) for m in response.context["messages"]]
    assert not SlugRedirect.objects.exists()
