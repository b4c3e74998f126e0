"""Production settings for bench/pages.py, with its URLconf that adds the trivial reference view;
BENCH_PAGE_CACHE=off takes the page cache out."""

import os

from iomcz.settings.prod import *  # noqa: F403

if os.environ.get("BENCH_PAGE_CACHE") == "off":
    MIDDLEWARE = [name for name in MIDDLEWARE if name != "core.page_cache.PageCacheMiddleware"]  # noqa: F405

ROOT_URLCONF = "bench.pages_urls"
# The manifest storage of production refuses jQuery UI's theme CSS in collectstatic (a quoted
# url() it cannot resolve); the compressed storage without the manifest serves files the same way.
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# bench/pages.py --uncached: every request computes its page, as the first one after a change does.
if env_bool("BENCH_UNCACHED", False):  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
