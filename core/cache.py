"""Django's Redis cache as an accelerator, not a dependency: when Redis fails, calls miss quietly.

A failed call (refused, timed out, dropped) returns what an empty cache would and writes nothing;
for RETRY_AFTER seconds afterwards the process does not ask Redis at all, so a hanging server
costs one socket timeout per process and interval, not one per call. The log says WARNING when
Redis first fails and INFO when it answers again: once per outage, not once per request.
"""

import functools
import logging
import re
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 1.0

_lock = threading.Lock()
_failed_at = {}  # LOCATION -> time.monotonic() of the last failure, while Redis is down


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._location = server if isinstance(server, str) else ",".join(server)
        self._shown_as = re.sub(r"//[^@/]*@", "//", self._location)  # no password in the log

    def _attempt(self, call, fallback):
        failed_at = _failed_at.get(self._location)
        if failed_at is not None and time.monotonic() - failed_at < RETRY_AFTER:
            return fallback
        try:
            result = call()
        except (RedisError, OSError) as error:
            with _lock:
                first = self._location not in _failed_at
                _failed_at[self._location] = time.monotonic()
            if first:
                logger.warning(
                    "Redis at %s failed (%s); serving without the cache until it answers.", self._shown_as, error
                )
            return fallback
        if failed_at is not None:
            with _lock:
                back = _failed_at.pop(self._location, None) is not None
            if back:
                logger.info("Redis at %s answers again; the cache is back.", self._shown_as)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(functools.partial(super().add, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._attempt(functools.partial(super().get, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(functools.partial(super().set, key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(functools.partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._attempt(functools.partial(super().delete, key, version), False)

    def get_many(self, keys, version=None):
        return self._attempt(functools.partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._attempt(functools.partial(super().has_key, key, version), False)

    def incr(self, key, delta=1, version=None):
        return self._attempt(functools.partial(super().incr, key, delta, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._attempt(functools.partial(super().set_many, data, timeout, version), list(data))

    def delete_many(self, keys, version=None):
        return self._attempt(functools.partial(super().delete_many, keys, version), None)

    def clear(self):
        return self._attempt(super().clear, False)
