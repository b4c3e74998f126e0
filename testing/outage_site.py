"""The site's URLs plus what core/tests/test_postgres_failure.py needs to see inside the server.

A slow statement and an ordinary error on paths of their own, a middleware that reads the user
before the view (so that a database failure happens inside the middleware stack), and a header
that names the worker process which answered.
"""

import os

from django.db import connection
from django.http import HttpResponse
from django.urls import path

from iomcz.urls import handler500, urlpatterns  # noqa: F401


def slow_statement(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(60)")
    return HttpResponse("finished")


def broken_view(request):
    raise RuntimeError("a bug, not the database")


def worker_header(get_response):
    def middleware(request):
        response = get_response(request)
        response["X-Worker"] = str(os.getpid())
        return response

    return middleware


def user_read_first(get_response):
    """Reads the session's user before the view, as an authentication or cache middleware might."""

    def middleware(request):
        request.user.is_authenticated  # noqa: B018 (forces the lazy user: a session query)
        return get_response(request)

    return middleware


urlpatterns = [
    path("test/slow-statement/", slow_statement),
    path("test/broken/", broken_view),
    *urlpatterns,
]
