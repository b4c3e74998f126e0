"""Test runs: fast hashing, local-memory cache, plain static storage."""

import os

from .base import *  # noqa: F403
from .base import DATABASE_URL, database

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["*"]
if DATABASE_URL:
    # Like a command, a test run goes without the web's statement limits unless they are set: it
    # creates and drops whole databases. core/tests/test_postgres_failure.py tests the limits.
    DATABASES = {
        "default": database(
            DATABASE_URL,
            int(os.environ.get("DB_STATEMENT_TIMEOUT", "0")),
            int(os.environ.get("DB_IDLE_IN_TRANSACTION_TIMEOUT", "0")),
        )
    }
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The live server of the browser tests serves static files as production does, through
# whitenoise, straight from the finders (there is no collectstatic in a test run).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# A browser test's tab sends the soft lock's release (core.edit_presence) as its context closes, which
# can reach the live server while the test database is being flushed; SQLite in shared memory then
# refuses the flush. The test of the release turns it back on.
EDIT_PRESENCE_RELEASE_ON_LEAVING = False
