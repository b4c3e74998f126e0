"""Requests that no page can answer sensibly are refused with 400 before any view sees them.

A NUL byte cannot be stored in or compared with a PostgreSQL text value: a search or a list
filter that passed one on to the database failed with a server error. No URL of the site, no
query parameter and no form field has a use for one.
"""

from django.core.exceptions import BadRequest


class RejectNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            raise BadRequest("A NUL byte in the path or the query string.")
        return self.get_response(request)
