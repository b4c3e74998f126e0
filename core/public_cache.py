"""A cache for what public pages compute from many items (the sitemap, the news list's counts).

Every entry's key holds the content version, which changes whenever an item of a content app
(one whose AppConfig sets `content = True`) is saved, deleted or re-linked, and again when that
transaction commits, so a changed item never waits for an old entry to expire. An entry also never outlives the next
scheduled publication of the models it was computed from: a scheduled item appears at its time.
Processes see each other's changes only through a shared cache (REDIS_URL); with the
local-memory cache of several processes, another process's entry lasts at most LONGEST seconds.
"""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

VERSION_KEY = "public-content-version"
LONGEST = 600
MISSING = object()


def content_version():
    """The current version; a new one, shared with no entry, when the cache cannot keep it."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    return version


def content_changed():
    """Make every cached public entry stale, now and once the current transaction commits.

    Commands that write in bulk (bulk_create sends no signals) call this themselves.
    """
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None))


def on_content_signal(sender, **kwargs):
    if getattr(sender._meta.app_config, "content", False):
        content_changed()


def connect_signals():
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(on_content_signal)


def entry_key(name):
    return f"public:{content_version()}:{hashlib.sha256(name.encode()).hexdigest()}"


def store(key, value, until):
    """Keep `value` for LONGEST seconds, or less when `until` (a publication time) comes sooner."""
    timeout = LONGEST if until is None else min(LONGEST, int((until - timezone.now()).total_seconds()))
    if timeout > 0:
        cache.set(key, value, timeout)


def next_publication(models):
    """The earliest time at which a scheduled item of one of `models` goes live, or None.

    Kept in the cache itself until that time, so the entries of one page ask for it once.
    """
    key = entry_key("next-publication:" + ",".join(sorted(model._meta.label for model in models)))
    until = cache.get(key, MISSING)
    if until is MISSING:
        times = [model.objects.scheduled().aggregate(first=Min("published_at"))["first"] for model in models]
        until = min((moment for moment in times if moment), default=None)
        store(key, until, until)
    return until


def cached(name, compute, models):
    """compute(), kept until the content changes or the next of `models`' scheduled items goes live.

    The next publication is read before computing: an item that falls due meanwhile is then
    already due when the entry would be stored, and the entry is not stored at all.
    """
    key = entry_key(name)
    value = cache.get(key, MISSING)
    if value is MISSING:
        until = next_publication(models)
        value = compute()
        store(key, value, until)
    return value
