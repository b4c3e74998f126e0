"""A database outage is logged once a minute, not once per request (core.errors.DatabaseOutageLogFilter)."""

import logging

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import path

from core import errors
from iomcz import urls as site_urls


def unavailable(request):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def broken(request):
    raise ValueError("a bug")


# The site's own URLs too: the 500 page links to them.
urlpatterns = [path("unavailable/", unavailable), path("broken/", broken), *site_urls.urlpatterns]
handler500 = "core.errors.server_error"


@pytest.fixture
def request_log(caplog):
    caplog.set_level(logging.WARNING, logger="django.request")
    return caplog


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(errors.time, "monotonic", lambda: now[0])
    outage_filter = next(
        f for f in logging.getLogger("django.request").filters if isinstance(f, errors.DatabaseOutageLogFilter)
    )
    monkeypatch.setattr(outage_filter, "last_logged", None)
    return now


def errors_logged(caplog):
    return [record for record in caplog.records if record.name == "django.request" and record.levelno >= logging.ERROR]


@pytest.mark.urls(__name__)
def test_an_outage_logs_its_first_failed_request_then_one_a_minute(db, request_log, clock):
    client = Client(raise_request_exception=False)
    for _ in range(20):
        assert client.get("/unavailable/").status_code == 503
    logged = errors_logged(request_log)
    assert len(logged) == 1
    assert "the database is unavailable; its next errors in 60s are not logged" in logged[0].getMessage()
    assert logged[0].exc_info[0] is OperationalError
    clock[0] += 59
    client.get("/unavailable/")
    assert len(errors_logged(request_log)) == 1
    clock[0] += 2
    client.get("/unavailable/")
    assert len(errors_logged(request_log)) == 2


@pytest.mark.urls(__name__)
def test_other_server_errors_are_all_logged_during_an_outage(db, request_log, clock):
    client = Client(raise_request_exception=False)
    client.get("/unavailable/")
    for _ in range(3):
        assert client.get("/broken/").status_code == 500
    client.get("/unavailable/")
    assert [record.exc_info[0] for record in errors_logged(request_log)] == [OperationalError] + [ValueError] * 3
