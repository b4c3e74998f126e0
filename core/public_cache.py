"""The content version, and a cache for what public pages compute from many items (the sitemap,
the news list's counts).

The content version is a token in the database (`core.models.ContentVersion`), replaced in the
same transaction as every change to what the public sees: a save, delete or relation change of
an item of a content app (one whose AppConfig sets `content = True`), caught by signals; every
bulk write, whose code calls `content_changed()` itself (bulk_create and QuerySet.update() send
no signals); and every `migrate`. A request reads it once, in one query by primary key
(`content_state()`, kept for the request by the page cache middleware), and every cache entry is
kept under the token it was made with, the next scheduled publications among them: a
committed change is seen by the next request to any process, even if the cache (Redis) was
unreachable when the change was made, and even with a separate local-memory cache per process.

An entry also never outlives the next scheduled publication of the models it was computed
from: a scheduled item appears at its time.
"""

import contextlib
import contextvars
import datetime
import functools
import hashlib
import uuid

from django.apps import apps
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import DateTimeField, Subquery, Value
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from django.utils import timezone

LONGEST = 600
MISSING = object()
ROW = 1


class ContentState:
    """What one request reads of the content before it computes anything: the version token,
    and (when asked) when each publishable model's next scheduled item goes live."""

    def __init__(self, token, using=DEFAULT_DB_ALIAS, drafts_due=False):
        self.token = token
        self.using = using
        # Read only when asked (`read_state(due_at=…)`): whether a scheduled draft's time has come.
        self.drafts_due = drafts_due

    @functools.cached_property
    def next_publications(self):
        """{model label: publication time of its first scheduled item, or None}, kept in the cache
        under the version until the first of them comes."""
        key = f"public:{self.token}:next-publications"
        times = cache.get(key, MISSING)
        if times is MISSING:
            times = read_next_publications(self.using)
            store(key, times, min((moment for moment in times.values() if moment), default=None))
        return times

    def next_publication(self, models):
        times = [self.next_publications[model._meta.label] for model in models]
        return min((moment for moment in times if moment), default=None)


# A one-item list holding the ContentState (or None, not read yet) while a request runs.
_request_state = contextvars.ContextVar("content_state", default=None)


def new_token():
    return uuid.uuid4().hex


def read_state(using=DEFAULT_DB_ALIAS, due_at=None):
    """The content version as committed now: one query by primary key, its SQL written once.
    The row is made again if it was removed (a test database flushed between tests), with a new
    token that no cache entry holds. With `due_at`, the same query also says whether a scheduled
    draft is due by then (on the `Draft.publish_at` index), for `core.scheduled_drafts`."""
    from .models import ContentVersion, Draft

    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    drafts = connection.ops.quote_name(Draft._meta.db_table)
    with connection.cursor() as cursor:
        if due_at is None:
            cursor.execute(f"SELECT token, 0 FROM {table} WHERE id = %s", [ROW])
        else:
            cursor.execute(
                f"SELECT token, EXISTS (SELECT 1 FROM {drafts} WHERE publish_at <= %s) FROM {table} WHERE id = %s",
                [connection.ops.adapt_datetimefield_value(due_at), ROW],
            )
        row = cursor.fetchone()
    if row is None:
        versions = ContentVersion.objects.using(using)
        version, _created = versions.get_or_create(pk=ROW, defaults={"token": new_token(), "changed": timezone.now()})
        due = due_at is not None and Draft.objects.using(using).filter(publish_at__lte=due_at).exists()
        return ContentState(version.token, using, due)
    return ContentState(row[0], using, bool(row[1]))


def read_next_publications(using=DEFAULT_DB_ALIAS):
    """When each publishable model's first scheduled item or scheduled draft goes live, in one
    query: scalar subqueries per model on the publication-date and `Draft.publish_at` indexes."""
    sql, params, now_slots, names = next_publications_statement(using)
    now = connections[using].ops.adapt_datetimefield_value(timezone.now())
    params = [now if slot in now_slots else value for slot, value in enumerate(params)]
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        row = dict(zip(names, cursor.fetchone() or (), strict=False))
    return {
        model._meta.label: min(
            (database_time(row[key], using) for key in (f"next_{n}", f"draft_{n}") if row.get(key)), default=None
        )
        for n, model in enumerate(publishable_models())
    }


def database_time(value, using):
    """A date and time as the database sent it (text, on SQLite) made a datetime, as the ORM does."""
    connection = connections[using]
    column = Value(None, output_field=DateTimeField())
    for convert in connection.ops.get_db_converters(column):
        value = convert(value, column, connection)
    return value


# Stands for the moment of the request in the statement compiled once, until it is replaced.
MARK_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)


@functools.cache
def next_publications_statement(using):
    """read_next_publications' statement, compiled by the ORM once per process and database:
    (SQL, parameters, the parameters' positions that hold the request's moment, column names).

    Only the moment changes between requests; building and compiling the query's sixteen
    subqueries cost about 6 ms, which every request that misses the cache paid. The drafts are
    chosen by their content type's name, not its key, so that nothing else is fixed in it.
    """
    from .models import ContentVersion, Draft

    models = publishable_models()
    scheduled = [model.objects.using(using).scheduled(MARK_TIME).order_by("published_at") for model in models]
    firsts = {f"next_{n}": Subquery(items.values("published_at")[:1]) for n, items in enumerate(scheduled)}
    # A live item's scheduled draft changes its pages too, at the draft's time.
    for n, model in enumerate(models):
        drafts = Draft.objects.using(using).filter(
            content_type__app_label=model._meta.app_label,
            content_type__model=model._meta.model_name,
            publish_at__isnull=False,
        )
        firsts[f"draft_{n}"] = Subquery(drafts.order_by("publish_at").values("publish_at")[:1])
    query = ContentVersion.objects.using(using).filter(pk=ROW).values(**firsts).order_by()[:1].query
    sql, params = query.get_compiler(using=using).as_sql()
    mark = connections[using].ops.adapt_datetimefield_value(MARK_TIME)
    now_slots = {slot for slot, value in enumerate(params) if value == mark}
    if len(now_slots) != len(models):
        raise AssertionError(
            f"the next publications' statement holds its moment {len(now_slots)} times, not {len(models)}"
        )
    return sql, list(params), now_slots, list(firsts)


def content_state():
    """The content state: read from the database once per request (the page cache middleware
    keeps it for the request), or on every call outside a request (commands, the shell)."""
    memo = _request_state.get()
    if memo is None:
        return read_state()
    if memo[0] is None:
        memo[0] = read_state()
    return memo[0]


def content_version():
    return content_state().token


def next_publication(models):
    """The earliest time at which a scheduled item of one of `models` goes live, or None, as read
    at the start of the request (before anything is computed from the content)."""
    return content_state().next_publication(models)


@contextlib.contextmanager
def request_state(state=None):
    """Keep the content state for the code inside (one request); `state` if already read."""
    reset = _request_state.set([state])
    try:
        yield
    finally:
        _request_state.reset(reset)


def content_changed(using=DEFAULT_DB_ALIAS):
    """Give the content a new version, in the current transaction: every cached public page and
    entry is stale for every process once it commits, and stays valid if it rolls back.

    Code that writes content in bulk (bulk_create, bulk_update, QuerySet.update(), raw SQL) calls
    this itself, after its writes: inside its transaction if it has one (as `import_content`
    does, holding the version row's lock only for the end of a long import).
    """
    from .models import ContentVersion

    versions = ContentVersion.objects.using(using)
    token, now = new_token(), timezone.now()
    if not versions.filter(pk=ROW).update(token=token, changed=now):
        _row, created = versions.get_or_create(pk=ROW, defaults={"token": token, "changed": now})
        if not created:
            versions.filter(pk=ROW).update(token=token, changed=now)
    memo = _request_state.get()
    if memo is not None:
        memo[0] = None


def shows_in_public(model):
    """Whether rows of `model` are content the public site shows: a model of a content app, but
    not a revision (simple-history's historical models)."""
    from simple_history.models import HistoricalChanges

    return getattr(model._meta.app_config, "content", False) and not issubclass(model, HistoricalChanges)


def on_content_signal(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """Before and after every save, delete and relation change of content.

    Before: the transaction takes the version row's lock ahead of any content row, so that
    concurrent content transactions queue for it instead of deadlocking over rows they lock
    in different orders. After: a save outside a transaction commits before the version
    changes, so a request in between stores the new content under the old version (never
    served again) instead of the old content under the new one.
    """
    if shows_in_public(sender):
        content_changed(using)


def on_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    """A migration may change content (a data migration) or the row may be new: a new version."""
    from .models import ContentVersion

    if sender.name == "core" and ContentVersion._meta.db_table in connections[using].introspection.table_names():
        content_changed(using)


def connect_signals():
    for signal in (pre_save, post_save, pre_delete, post_delete, m2m_changed):
        signal.connect(on_content_signal)
    post_migrate.connect(on_migrate)


@functools.cache
def publishable_models():
    """The content models that have scheduled items (a `published_at` that may lie ahead)."""
    from .models import Publishable

    return [model for model in apps.get_models() if shows_in_public(model) and issubclass(model, Publishable)]


def entry_key(name):
    return f"public:{content_version()}:{hashlib.sha256(name.encode()).hexdigest()}"


def store(key, value, until):
    """Keep `value` for LONGEST seconds, or less when `until` (a publication time) comes sooner."""
    timeout = LONGEST if until is None else min(LONGEST, int((until - timezone.now()).total_seconds()))
    if timeout > 0:
        cache.set(key, value, timeout)


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
