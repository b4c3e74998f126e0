"""Production settings for bench/load.py: the trivial reference view, and the cache switched off on demand.

BENCH_CACHE=off gives the app servers Django's dummy cache: every cache lookup misses, so every
request computes its page and every part of it, as the first request after a content change does.
"""

import os

from iomcz.settings.prod import *  # noqa: F403

ROOT_URLCONF = "bench.pages_urls"

if os.environ.get("BENCH_CACHE", "on") == "off":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
