"""Production settings for core/tests/test_postgres_failure.py: its URLs and middleware, no cache.

Nothing is cached, so that every request reaches the database whose failures the tests cause.
"""

from iomcz.settings.prod import *  # noqa: F403

ROOT_URLCONF = "testing.outage_site"
MIDDLEWARE = ["testing.outage_site.worker_header", *MIDDLEWARE, "testing.outage_site.user_read_first"]  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Static files straight from the finders: the test runs no collectstatic.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
