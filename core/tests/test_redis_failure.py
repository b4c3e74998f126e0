"""Redis is an accelerator, not a dependency: stopped, paused or unreachable, it costs a quick miss.

The tests run their own redis-server on a free port (never the machine's on 6379).
"""

import contextlib
import logging
import shutil
import time

import pytest
import redis
from django.conf import settings
from django.core.cache import cache

import core.cache
from news.models import NewsItem
from testing.admin_support import form_data, sample_content
from testing.redis_server import DATABASE, ThrowawayRedis, redis_cache
from testing.throwaway import free_port


@pytest.fixture(autouse=True, scope="module")
def redis_server_installed():
    """These tests start their own redis-server; without it they fail (never skip)."""
    assert shutil.which("redis-server"), "redis-server is missing: `make test-deps` installs it"


QUICK = 0.5
CACHE_CALLS = {
    "get": lambda: cache.get("key"),
    "get_many": lambda: cache.get_many(["key", "other"]),
    "has_key": lambda: cache.has_key("key"),
    "set": lambda: cache.set("key", "value"),
    "add": lambda: cache.add("key", "value"),
    "set_many": lambda: cache.set_many({"key": "value"}),
    "touch": lambda: cache.touch("key"),
    "incr": lambda: cache.incr("counter"),
    "delete": lambda: cache.delete("key"),
    "delete_many": lambda: cache.delete_many(["key", "other"]),
}
MISSES = {
    "get": None,
    "get_many": {},
    "has_key": False,
    "add": False,
    "touch": False,
    "set_many": ["key"],
    "delete": False,
}


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    server = ThrowawayRedis(tmp_path_factory.mktemp("redis"))
    server.start()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def fresh_outage_state(monkeypatch):
    """Each test starts with Redis known to be up."""
    monkeypatch.setattr(core.cache, "_failed_at", {})


@pytest.fixture
def every_call_tries_redis(monkeypatch):
    """No pause after a failure: each cache call meets the broken server itself."""
    monkeypatch.setattr(core.cache, "RETRY_AFTER", 0)


@contextlib.contextmanager
def broken(how, server):
    """Redis stopped, paused (accepting connections, never answering) or at a port nobody listens on."""
    if how == "stopped":
        with server.stopped(), redis_cache(server.url):
            yield
    elif how == "paused":
        with redis_cache(server.url):
            cache.set("warm", "a connection already open when the server stops answering")
            with server.paused():
                yield
    else:
        with redis_cache(f"redis://127.0.0.1:{free_port()}/{DATABASE}"):
            yield


OUTAGES = ["stopped", "paused", "closed port"]


def warnings_from_the_cache(caplog):
    return [record for record in caplog.records if record.name == "core.cache" and record.levelno == logging.WARNING]


def test_the_cache_keeps_a_value_while_redis_is_up(redis_server):
    with redis_cache(redis_server.url):
        cache.set("greeting", {"en": "Hello"})
        assert cache.get("greeting") == {"en": "Hello"}
        assert redis.Redis.from_url(redis_server.url).exists(":1:greeting")


@pytest.mark.parametrize("how", OUTAGES)
def test_every_cache_call_gives_up_quickly_with_a_miss_when_redis_fails(how, redis_server, every_call_tries_redis):
    with broken(how, redis_server):
        for name, call in CACHE_CALLS.items():
            started = time.monotonic()
            result = call()
            assert time.monotonic() - started < QUICK, name
            assert result == MISSES.get(name), name


@pytest.mark.django_db
@pytest.mark.parametrize("how", OUTAGES)
def test_public_pages_answer_when_redis_fails(how, redis_server, client, site):
    with broken(how, redis_server):
        for url in ["/en/", "/en/news/", "/sitemap.xml"]:
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
@pytest.mark.parametrize("how", OUTAGES)
def test_an_admin_save_of_a_news_item_works_when_redis_fails(how, redis_server, admin_client):
    item = sample_content()["newsitem"]
    change_url = f"/admin/news/newsitem/{item.pk}/change/"
    with broken(how, redis_server):
        assert admin_client.get("/admin/news/newsitem/").status_code == 200
        response = admin_client.post(
            change_url, form_data(admin_client.get(change_url), lead_en="Saved without Redis.")
        )
        assert response.status_code == 302
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Saved without Redis."


@pytest.mark.parametrize("how", OUTAGES)
def test_the_log_warns_once_per_outage_not_once_per_call(how, redis_server, caplog, every_call_tries_redis):
    caplog.set_level(logging.INFO, logger="core.cache")
    with broken(how, redis_server):
        for _ in range(3):
            for call in CACHE_CALLS.values():
                call()
    assert len(warnings_from_the_cache(caplog)) == 1


def test_the_cache_works_again_and_says_so_when_redis_comes_back(redis_server, caplog, every_call_tries_redis):
    caplog.set_level(logging.INFO, logger="core.cache")
    with redis_cache(redis_server.url):
        with redis_server.stopped():
            cache.set("during", "the outage")
            assert cache.get("during") is None
        cache.set("after", "the outage")
        assert cache.get("after") == "the outage"
        with redis_server.stopped():
            cache.get("during")
    messages = [(record.levelname, record.getMessage()) for record in caplog.records if record.name == "core.cache"]
    assert [level for level, _ in messages] == ["WARNING", "INFO", "WARNING"]
    assert "answers again" in messages[1][1]


def test_after_a_failure_the_process_leaves_redis_alone_for_a_moment(redis_server, monkeypatch):
    monkeypatch.setattr(core.cache, "RETRY_AFTER", 60)
    with redis_cache(redis_server.url):
        with redis_server.paused():
            started = time.monotonic()
            for _ in range(20):
                cache.get("key")
            assert time.monotonic() - started < 2 * settings.REDIS_TIMEOUT + 0.1
        cache.set("key", "value")
        assert cache.get("key") is None


def test_the_warning_names_the_server_but_not_its_password(caplog):
    caplog.set_level(logging.INFO, logger="core.cache")
    with redis_cache(f"redis://:s3cret@127.0.0.1:{free_port()}/{DATABASE}"):
        cache.get("key")
    [warning] = warnings_from_the_cache(caplog)
    assert "127.0.0.1" in warning.getMessage() and "s3cret" not in warning.getMessage()
