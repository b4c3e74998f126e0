"""The whole-page cache: a reader's second request for a public page is answered without running its
view, and no committed change, scheduled publication or new day is ever hidden by a stored page."""

import contextlib
import datetime
import hashlib
import json
import shutil
import types

import pytest
import redis
from django.core.cache import cache
from django.core.cache.backends import base as cache_backends
from django.core.cache.backends import locmem
from django.core.handlers.base import BaseHandler
from django.core.management import call_command
from django.db import OperationalError, transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory, override_settings
from django.urls import path
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

import core.cache
import iomcz.urls
from core import page_cache, scheduled_drafts, workflow
from core.i18n import LANGUAGE_CODES
from core.models import Status
from core.page_cache import language_neutral
from news.models import NewsItem
from news.tests.test_queries import page_urls
from testing.admin_support import form_data
from testing.fake_content import add_news_items
from testing.redis_server import DATABASE, ThrowawayRedis, redis_cache
from testing.site_content import make_news
from testing.throwaway import free_port

PUBLIC = "public, max-age=0, s-maxage=60"
NEVER = "max-age=0, no-cache, no-store, must-revalidate, private"


# Views that only these tests serve (`@pytest.mark.urls(__name__)`), beside every page of the site.
@language_neutral
def plain_view(request):
    return HttpResponse("plain")


def unmarked_view(request):
    """A page without a language prefix that does not say it is the same in every language."""
    return HttpResponse("plain")


def cookie_view(request):
    response = HttpResponse("sets a cookie")
    response.set_cookie("seen", "yes")
    return response


def private_view(request):
    response = HttpResponse("for this reader only")
    patch_cache_control(response, private=True)
    return response


def streaming_view(request):
    return StreamingHttpResponse(iter([b"streamed"]))


def failing_view(request):
    raise RuntimeError("broken")


urlpatterns = [
    path("test/plain/", plain_view),
    path("test/unmarked/", unmarked_view),
    path("test/cookie/", cookie_view),
    path("test/private/", private_view),
    path("test/streaming/", streaming_view),
    path("test/error/", failing_view),
    *iomcz.urls.urlpatterns,
]


@pytest.fixture
def views_run(monkeypatch):
    """The paths of the requests that reached URL resolution and their view, in order."""
    paths = []
    resolve_request = BaseHandler.resolve_request

    def counting(self, request):
        paths.append(request.path)
        return resolve_request(self, request)

    monkeypatch.setattr(BaseHandler, "resolve_request", counting)
    return paths


def served(request):
    """The answer of the whole middleware chain, body included, as a WSGI server gets it (the test
    client removes a HEAD answer's body itself)."""
    handler = BaseHandler()
    handler.load_middleware()
    return handler.get_response(request)


def from_cache(client, url, views_run):
    """The page at `url` once it is stored: asked twice, the second answer without its view."""
    client.get(url)
    views_run.clear()
    response = client.get(url)
    assert response.status_code == 200 and views_run == [], url
    return response.content.decode()


def move_clock_to(monkeypatch, moment):
    """Let the database filters and the local-memory cache's expiry both believe it is `moment`."""
    monkeypatch.setattr(timezone, "now", lambda: moment)
    clock = types.SimpleNamespace(time=moment.timestamp)
    monkeypatch.setattr(locmem, "time", clock)
    monkeypatch.setattr(cache_backends, "time", clock)


def server(name):
    """The local-memory cache of one app server process (each LOCATION is a cache of its own)."""
    return override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": name}}
    )


def change_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def save_through_admin(admin_client, item, **changes):
    with translation.override("en"):
        response = admin_client.post(change_url(item), form_data(admin_client.get(change_url(item)), **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


def item_url(item, code="en"):
    with translation.override(code):
        return item.get_absolute_url()


# Every page type, served from the cache


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_the_second_request_for_every_page_type_is_served_without_its_view(
    client, shipped_content, views_run, django_assert_num_queries, code
):
    add_news_items(10)
    urls = {**page_urls(code), "robots.txt": "/robots.txt"}
    for page, url in urls.items():
        cold_head = client.head(url)
        first = client.get(url)
        assert (cold_head.status_code, first.status_code) == (200, 200), page
        views_run.clear()
        with django_assert_num_queries(1):  # the content version, read once per request
            again = client.get(url)
        head = client.head(url)
        body = served(RequestFactory().head(url))
        assert views_run == [], page
        assert again.content == first.content, page
        assert dict(again.headers) == dict(first.headers) == dict(cold_head.headers) == dict(head.headers), page
        assert (body.status_code, body.content, body["Content-Length"]) == (200, b"", str(len(first.content)))


def test_a_cached_page_keeps_every_header_the_site_adds(client, site, views_run):
    url = item_url(site["anniversary"])
    fresh = client.get(url)
    cached = client.get(url)
    assert views_run == [url]
    assert dict(cached.headers) == dict(fresh.headers)
    for name in ("Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert cached.has_header(name), name
    assert (cached["Content-Type"], cached["Content-Language"]) == ("text/html; charset=utf-8", "en")


@pytest.mark.parametrize(
    "url", ["/en/", "/cs/aktuality/", "/en/news/?kind=news&q=IOM", "/en/news/rss/", "/sitemap.xml", "/robots.txt"]
)
def test_public_pages_let_a_cdn_keep_them_a_minute_and_vary_on_nothing(client, site, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="uk")
    assert response["Cache-Control"] == PUBLIC
    assert response["X-Accel-Expires"] == "0"
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
    assert not response.has_header("Vary") and not response.has_header("Expires")


def test_an_item_page_reads_the_session_yet_does_not_vary_on_cookie(client, site):
    response = client.get(item_url(site["anniversary"]))
    assert response["Cache-Control"] == PUBLIC and not response.has_header("Vary")


@pytest.mark.parametrize("url", ["/sitemap.xml", "/robots.txt"])
def test_pages_without_a_language_name_none(client, site, url):
    for accept in ("cs", "uk", "en"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
        assert not response.has_header("Content-Language") and not response.has_header("Vary")


def test_the_root_says_it_depends_on_the_readers_language_and_is_never_kept(client, db, views_run):
    for accept, target in (("cs", "/cs/"), ("uk", "/uk/"), ("cs", "/cs/")):
        response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
        assert (response.status_code, response["Location"]) == (302, target)
        assert (response["Vary"], response["Cache-Control"]) == ("Accept-Language, Cookie", NEVER)
    assert views_run == ["/", "/", "/"]


def test_a_cdn_keeps_a_page_no_later_than_the_next_scheduled_item_goes_live(client, site, monkeypatch):
    now = timezone.now()
    move_clock_to(monkeypatch, now)
    make_news(
        {"title": {"en": "Embargoed"}, "lead": {"en": "Soon."}}, published_at=now + datetime.timedelta(seconds=25)
    )
    assert client.get("/en/news/")["Cache-Control"] == "public, max-age=0, s-maxage=25"
    move_clock_to(monkeypatch, now + datetime.timedelta(seconds=10))
    assert client.get("/en/news/")["Cache-Control"] == "public, max-age=0, s-maxage=15"


def test_each_host_and_query_string_has_a_copy_of_its_own(client, site, views_run):
    from_cache(client, "/en/news/", views_run)
    client.get("/en/news/?kind=news")
    client.get("/en/news/", HTTP_HOST="www.example.org")
    assert views_run == ["/en/news/", "/en/news/"]


# Conditional requests


def test_a_reader_who_has_the_page_gets_304_whether_it_is_stored_or_not(client, site, views_run):
    url = "/en/news/"
    first = client.get(url)
    etag = first["ETag"]
    cache.clear()
    cold = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert views_run == [url, url]
    views_run.clear()
    warm = client.get(url, HTTP_IF_NONE_MATCH=f"W/{etag}")  # as a reader sends it back after nginx's gzip
    head = client.head(url, HTTP_IF_NONE_MATCH=etag)
    assert views_run == []
    for response in (cold, warm, head):
        assert (response.status_code, response.content) == (304, b"")
        assert (response["ETag"], response["Cache-Control"]) == (etag, PUBLIC)
    other = client.get(url, HTTP_IF_NONE_MATCH='"another-version"')
    assert (other.status_code, other.content) == (200, first.content)


def test_after_a_change_the_old_etag_gets_the_new_page(client, site):
    item = site["anniversary"]
    etag = client.get("/en/news/")["ETag"]
    item.title_en = "Thirty years of IOM in Czechia"
    item.save()
    response = client.get("/en/news/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200 and response["ETag"] != etag
    assert "Thirty years of IOM in Czechia" in response.content.decode()


def test_two_app_servers_give_the_same_page_the_same_etag(client, site, views_run):
    with server("app-1"):
        cache.clear()
        one = client.get("/en/history/")
    with server("app-2"):
        cache.clear()
        two = client.get("/en/history/")
    assert views_run == ["/en/history/", "/en/history/"]
    assert one.content == two.content and one["ETag"] == two["ETag"]


# What is never stored or served from the cache


def test_staff_are_never_served_a_stored_page_and_their_pages_are_never_stored(client, admin_client, site, views_run):
    url = item_url(site["anniversary"])
    from_cache(client, url, views_run)
    staff = [admin_client.get(url), admin_client.get(url)]
    assert views_run == [url, url]
    assert all(response["Cache-Control"] == NEVER for response in staff)
    cache.clear()
    views_run.clear()
    admin_client.get(url)
    client.get(url)
    assert views_run == [url, url]


def test_a_request_with_a_session_cookie_is_never_served_a_stored_page(client, site, views_run):
    url = "/en/news/"
    from_cache(client, url, views_run)
    client.cookies["sessionid"] = "an-expired-session"
    response = client.get(url)
    assert views_run == [url] and response["Cache-Control"] == NEVER


def test_a_preview_is_never_stored_and_readers_never_see_it(client, admin_client, site, views_run):
    draft = make_news({"title": {"en": "Coming soon"}, "lead": {"en": "Not yet."}}, status=Status.DRAFT)
    url = item_url(draft)
    preview = admin_client.get(url)
    assert preview.status_code == 200 and "preview-banner" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"]
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 404 and response["Cache-Control"] == NEVER
    assert views_run == [url, url, url]


def test_the_admin_is_never_stored(client, db, views_run):
    for _ in range(2):
        response = client.get("/admin/login/")
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert views_run == ["/admin/login/", "/admin/login/"]


def test_not_found_pages_and_redirects_are_never_stored(client, site, views_run):
    english_slug_in_czech = f"/cs/aktuality/{site['anniversary'].slug_en}/"
    for url, status in (("/en/news/no-such-item/", 404), (english_slug_in_czech, 301)):
        for _ in range(2):
            response = client.get(url)
            assert (response.status_code, response["Cache-Control"]) == (status, NEVER)
        assert views_run == [url, url]
        views_run.clear()


def test_a_post_is_never_answered_from_the_cache(client, site, views_run):
    from_cache(client, "/en/news/", views_run)
    response = client.post("/en/news/", {"q": "IOM"})
    assert views_run == ["/en/news/"] and response.status_code == 405


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("url", "cache_control"),
    [("/test/cookie/", NEVER), ("/test/streaming/", NEVER), ("/test/private/", "private")],
)
def test_answers_that_set_a_cookie_are_streamed_or_private_are_never_stored(client, db, views_run, url, cache_control):
    for _ in range(2):
        response = client.get(url)
        assert (response.status_code, response["Cache-Control"]) == (200, cache_control)
    assert views_run == [url, url]
    from_cache(client, "/test/plain/", views_run)


@pytest.mark.urls(__name__)
def test_a_page_without_a_language_prefix_that_may_depend_on_the_language_is_never_stored(client, db, views_run):
    for accept in ("cs", "en"):
        response = client.get("/test/unmarked/", HTTP_ACCEPT_LANGUAGE=accept)
        assert (response["Vary"], response["Content-Language"], response["Cache-Control"]) == (
            "Accept-Language",
            accept,
            NEVER,
        )
    assert views_run == ["/test/unmarked/", "/test/unmarked/"]


@pytest.mark.urls(__name__)
def test_server_errors_are_never_stored(client, db, views_run):
    client.raise_request_exception = False
    for _ in range(2):
        response = client.get("/test/error/")
        assert (response.status_code, response["Cache-Control"]) == (500, NEVER)
    assert views_run == ["/test/error/", "/test/error/"]


# Every way content changes shows on the very next request


def test_an_admin_save_shows_on_the_next_request(client, admin_client, site, views_run):
    item = site["anniversary"]
    assert "Petr Čáp looks back." in from_cache(client, item_url(item), views_run)
    assert "Petr Čáp looks back." in from_cache(client, "/en/news/", views_run)
    save_through_admin(admin_client, item, lead_en="Twenty-five years, told by Petr Čáp.")
    assert "Twenty-five years, told by Petr Čáp." in client.get(item_url(item)).content.decode()
    assert "Twenty-five years, told by Petr Čáp." in client.get("/en/news/").content.decode()


def test_a_change_to_an_inline_row_shows_on_the_next_request(client, admin_client, site, views_run):
    project = site["project"]
    assert "people returned" in from_cache(client, item_url(project), views_run)
    with translation.override("en"):
        data = form_data(admin_client.get(change_url(project)))
    [label] = [name for name in data if name.endswith("-0-label_en")]
    with translation.override("en"):
        response = admin_client.post(change_url(project), {**data, label: ["people helped home"]})
    assert response.status_code == 302
    html = client.get(item_url(project)).content.decode()
    assert "people helped home" in html and "people returned" not in html


def test_a_deletion_shows_on_the_next_request(client, admin_client, site, views_run):
    item = site["anniversary"]
    from_cache(client, item_url(item), views_run)
    assert "25 years of IOM in Czechia" in from_cache(client, "/en/news/", views_run)
    with translation.override("en"):
        response = admin_client.post(f"/admin/news/newsitem/{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert client.get(item_url(item)).status_code == 404
    assert "25 years of IOM in Czechia" not in client.get("/en/news/").content.decode()


def test_a_relation_change_shows_on_the_next_request(client, admin_client, site, views_run):
    item, programme = site["english_only"], site["avrr"]
    url = f"/en/news/?programme={programme.key}"
    assert "Summer School opens" not in from_cache(client, url, views_run)
    save_through_admin(admin_client, item, programmes=[str(programme.pk)])
    assert "Summer School opens" in client.get(url).content.decode()
    from_cache(client, url, views_run)
    item.programmes.remove(programme)
    assert "Summer School opens" not in client.get(url).content.decode()


def test_an_import_shows_on_the_next_request(client, site, views_run, tmp_path):
    assert "Imported in bulk" not in from_cache(client, "/en/news/", views_run)
    record = {"model": "news.newsitem", "key": "imported", "title": {"en": "Imported in bulk"}}
    record |= {"lead": {"en": "From a file."}, "status": "published", "published_at": "2024-01-10T10:00:00+01:00"}
    content = tmp_path / "news.json"
    content.write_text(json.dumps({"format": "iomcz-content", "version": 1, "records": [record]}), encoding="utf-8")
    call_command("import_content", str(content), verbosity=0)
    assert "Imported in bulk" in client.get("/en/news/").content.decode()


def test_a_restored_revision_is_a_draft_until_published_then_shows_on_the_next_request(
    client, admin_client, admin_user, site, views_run
):
    item = site["anniversary"]
    save_through_admin(admin_client, item, lead_en="A lead to be taken back.")
    first = item.history.earliest()
    assert "A lead to be taken back." in from_cache(client, item_url(item), views_run)
    url = f"/admin/news/newsitem/{item.pk}/history/{first.history_id}/"
    with translation.override("en"):
        assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302
    assert "A lead to be taken back." in from_cache(client, item_url(item), views_run)
    workflow.publish(item, admin_user)
    assert "Petr Čáp looks back." in client.get(item_url(item)).content.decode()


def test_unpublishing_and_publishing_from_the_list_show_on_the_next_request(client, admin_client, site, views_run):
    item = site["anniversary"]
    url = item_url(item)
    from_cache(client, url, views_run)
    assert "25 years of IOM in Czechia" in from_cache(client, "/en/", views_run)
    for action, status in (("unpublish", 404), ("publish_now", 200)):
        with translation.override("en"):
            admin_client.post("/admin/news/newsitem/", {"action": action, "_selected_action": [item.pk]})
        assert client.get(url).status_code == status, action
        assert ("25 years of IOM in Czechia" in client.get("/en/").content.decode()) == (status == 200), action


def test_a_change_rolled_back_leaves_the_stored_pages_in_use(client, site, views_run):
    item = site["anniversary"]
    from_cache(client, "/en/news/", views_run)
    with contextlib.suppress(RuntimeError), transaction.atomic():
        item.title_en = "Never saved"
        item.save()
        raise RuntimeError("the change is abandoned")
    views_run.clear()
    assert "Never saved" not in client.get("/en/news/").content.decode()
    assert views_run == []


def test_a_change_shows_on_the_next_request_to_either_app_server(client, admin_client, site, views_run):
    item = site["anniversary"]
    for name in ("app-1", "app-2"):
        with server(name):
            cache.clear()
            assert "Petr Čáp looks back." in from_cache(client, item_url(item), views_run)
    with server("app-1"):
        save_through_admin(admin_client, item, lead_en="Changed through the first server.")
    for name in ("app-1", "app-2"):
        with server(name):
            assert "Changed through the first server." in client.get(item_url(item)).content.decode(), name


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    assert shutil.which("redis-server"), "redis-server is missing: `make test-deps` installs it"
    server = ThrowawayRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize("how", ["paused", "closed port"])
def test_a_change_made_while_redis_was_unreachable_shows_once_it_answers_again(
    how, redis_server, client, admin_client, site, views_run, monkeypatch
):
    monkeypatch.setattr(core.cache, "_failed_at", {})
    monkeypatch.setattr(core.cache, "RETRY_AFTER", 0)  # the request after the outage asks Redis
    item = site["anniversary"]
    url = item_url(item)
    unreachable = (
        redis_server.paused() if how == "paused" else redis_cache(f"redis://127.0.0.1:{free_port()}/{DATABASE}")
    )
    with redis_cache(redis_server.url):
        cache.clear()
        assert "Petr Čáp looks back." in from_cache(client, url, views_run)
        with unreachable:
            save_through_admin(admin_client, item, lead_en="Saved while Redis was away.")
        assert redis.Redis.from_url(redis_server.url).keys("*page:*")  # the page as it was is still stored
        views_run.clear()
        html = client.get(url).content.decode()
        cache.clear()
    assert "Saved while Redis was away." in html and views_run == [url]


# Time: scheduled items and a new day


def test_a_scheduled_item_appears_at_its_time_with_no_command_run(client, site, views_run, monkeypatch):
    now = timezone.now()
    due = now + datetime.timedelta(minutes=2)
    item = make_news({"title": {"en": "Embargoed release"}, "lead": {"en": "At noon."}}, published_at=due)
    for url in ("/en/", "/en/news/", "/en/news/rss/"):
        assert "Embargoed release" not in from_cache(client, url, views_run), url
    assert "/en/news/embargoed-release/" not in from_cache(client, "/sitemap-news-1.xml", views_run)
    move_clock_to(monkeypatch, due - datetime.timedelta(seconds=5))
    views_run.clear()
    assert "Embargoed release" not in client.get("/en/news/").content.decode()
    assert client.get(item_url(item)).status_code == 404
    assert views_run == [item_url(item)]
    move_clock_to(monkeypatch, due + datetime.timedelta(seconds=1))
    for url in ("/en/", "/en/news/", "/en/news/rss/"):
        assert "Embargoed release" in client.get(url).content.decode(), url
    assert "/en/news/embargoed-release/" in client.get("/sitemap-news-1.xml").content.decode()
    assert client.get(item_url(item)).status_code == 200


def test_a_page_stored_before_midnight_is_made_again_after_it(client, site, views_run, monkeypatch):
    zone = timezone.get_default_timezone()
    evening = datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59, 50), tzinfo=zone)
    move_clock_to(monkeypatch, evening)
    from_cache(client, "/en/history/", views_run)
    move_clock_to(monkeypatch, evening + datetime.timedelta(seconds=15))
    client.get("/en/history/")
    assert views_run == ["/en/history/"]


def test_a_stored_page_is_made_again_after_ten_minutes_at_most(client, site, views_run, monkeypatch):
    now = timezone.localtime().replace(hour=12)
    move_clock_to(monkeypatch, now)
    from_cache(client, "/en/news/", views_run)
    move_clock_to(monkeypatch, now + datetime.timedelta(minutes=9))
    client.get("/en/news/")
    move_clock_to(monkeypatch, now + datetime.timedelta(minutes=11))
    client.get("/en/news/")
    assert views_run == ["/en/news/"]


# When the database or the code changes under the cache


def test_while_the_database_cannot_be_read_the_last_stored_copy_is_served(client, site, views_run, monkeypatch):
    stored = client.get("/en/news/")

    def unreadable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(page_cache, "read_state", unreadable)
    monkeypatch.setattr(scheduled_drafts, "read_state", unreadable)  # reads it first, for due drafts
    views_run.clear()
    response = client.get("/en/news/")
    assert (response.status_code, response.content, response["Cache-Control"]) == (200, stored.content, NEVER)
    assert views_run == []
    client.get("/en/history/")
    assert views_run == ["/en/history/"]


def make_release(folder, template):
    (folder / "templates").mkdir(parents=True)
    (folder / "templates" / "base.html").write_text(template)
    (folder / "core").mkdir()
    (folder / "core" / "views.py").write_text("VIEW = 1\n")
    (folder / "static").mkdir()
    (folder / "static" / "site.css").write_text("body {}")
    return folder


@pytest.mark.parametrize("changed", [None, "templates/base.html", "core/views.py", "static/site.css"])
def test_a_release_reads_only_its_own_pages_on_every_server_that_runs_it(tmp_path, settings, changed):
    fingerprints = []
    for name in ("server-1", "server-2"):
        release = make_release(tmp_path / name, "<html>{% block content %}{% endblock %}</html>")
        if name == "server-2" and changed:
            (release / changed).write_text((release / changed).read_text() + "\n")
        settings.BASE_DIR = release
        settings.STATICFILES_DIRS = [release / "static"]
        settings.STATIC_ROOT = release / "staticfiles"
        fingerprints.append(page_cache.code_fingerprint.__wrapped__())
    assert (fingerprints[0] == fingerprints[1]) == (changed is None)


def test_the_page_of_another_release_is_not_served(client, site, views_run, monkeypatch):
    from_cache(client, "/en/news/", views_run)
    monkeypatch.setattr(page_cache, "code_fingerprint", lambda: "the-next-release")
    client.get("/en/news/")
    assert views_run == ["/en/news/"]


def test_a_news_item_saved_in_bulk_without_telling_the_cache_is_still_shown_within_ten_minutes(
    client, site, views_run, monkeypatch
):
    now = timezone.localtime().replace(hour=12)
    move_clock_to(monkeypatch, now)
    from_cache(client, "/en/news/", views_run)
    NewsItem.objects.filter(pk=site["anniversary"].pk).update(title_en="Changed by hand in SQL")
    assert "Changed by hand in SQL" not in client.get("/en/news/").content.decode()
    move_clock_to(monkeypatch, now + datetime.timedelta(minutes=11))
    assert "Changed by hand in SQL" in client.get("/en/news/").content.decode()


def test_with_debug_on_every_page_is_rendered_so_that_an_edited_template_shows_at_once(
    client, site, views_run, settings
):
    settings.DEBUG = True
    responses = [client.get("/en/news/"), client.get("/en/news/")]
    assert views_run == ["/en/news/", "/en/news/"]
    assert all(response["Cache-Control"] == PUBLIC for response in responses)
