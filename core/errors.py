"""The server-error handler: while the database is down or hanging, readers get a translated 503.

Django turns an exception into a response inside every middleware layer, so a database error
raised anywhere (a view, a template, the session or user read by a middleware) reaches the
`handler500` view while its exception is still being handled; no middleware could see them all.
"""

import sys

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
