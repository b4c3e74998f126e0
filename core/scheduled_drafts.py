"""Publishes live items' drafts scheduled by a Publisher, with no cron: the first request after a
draft's time, public or admin, publishes it (`core.workflow.publish_due`).

It sits above the page cache, so that a request arriving after the time reads the new content
version and no stored page of the old one is served. The check costs no query of its own: it is
part of the one query that reads the content version (`core.public_cache.read_state`), which the
page cache then uses for the request. A database that cannot be read is left to the page cache,
which serves its stored copies then.
"""

from django.db import InterfaceError, OperationalError
from django.utils import timezone

from .public_cache import read_state
from .workflow import publish_due


class ScheduledDraftsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        now = timezone.now()
        request.content_state = request.content_state_failure = None
        try:
            state = read_state(due_at=now)
            if state.drafts_due:
                publish_due(now)
                state = read_state()
            request.content_state = state
        except (OperationalError, InterfaceError) as error:
            # The page cache serves its stored copy without trying the database a second time.
            request.content_state_failure = error
        return self.get_response(request)
