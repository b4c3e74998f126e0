"""The server-error handler: while the database is down or hanging, readers get a translated 503.

Django turns an exception into a response inside every middleware layer, so a database error
raised anywhere (a view, a template, the session or user read by a middleware) reaches the
`handler500` view while its exception is still being handled; no middleware could see them all.
"""

import logging
import sys
import time

import psycopg
from django import db
from django.conf import settings
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

# Seconds a reader's browser or a crawler is asked to wait before it tries again.
RETRY_AFTER = 30
# Refused or timed-out connections, statements cancelled by a timeout, connections the server
# closed: Django's wrappers, and psycopg's own in case one escapes unwrapped.
DATABASE_UNAVAILABLE = (db.OperationalError, db.InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)


class DatabaseOutageLogFilter(logging.Filter):
    """On the `django.request` logger: during an outage, the first failed request's error is logged
    with its traceback, then at most one a minute, instead of one per request.

    Each 503 of an outage is otherwise an ERROR with the same traceback, hundreds a second under
    load, which buries whatever else the log says. Other errors always pass.
    """

    interval = 60.0

    def __init__(self, name=""):
        super().__init__(name)
        self.last_logged = None

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if not isinstance(error, DATABASE_UNAVAILABLE):
            return True
        now = time.monotonic()
        if self.last_logged is not None and now - self.last_logged < self.interval:
            return False
        self.last_logged = now
        record.msg = f"{record.msg} (the database is unavailable; its next errors in %ds are not logged)"
        record.args = (*record.args, int(self.interval))
        return True


def server_error(request):
    if isinstance(sys.exception(), DATABASE_UNAVAILABLE):
        return database_unavailable(request)
    return defaults.server_error(request)


def database_unavailable(request):
    """503 in the language of the URL (English elsewhere), rendered without the database."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        # No request: context processors are not run, so nothing here can query.
        html = loader.render_to_string("503.html")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Content-Language"] = language
    add_never_cache_headers(response)
    return response
