"""Public pages render the same HTML as the snapshots in `snapshots/`, made from the shipped content.

The snapshots pin every public page, feed, robots.txt and sitemap byte for byte, so that a change
of structure (moving code between modules, a new query path) cannot alter what readers get unnoticed.
A change that is meant to alter the pages rewrites them with `UPDATE_SNAPSHOTS=1 make test`; the diff
of `snapshots/` then shows exactly what changed for readers.
"""

import datetime
import os
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import timezone, translation

from testing.sitemaps import listed_locations, sitemap_paths

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATING = os.environ.get("UPDATE_SNAPSHOTS") == "1"
# Import time would otherwise reach the pages as "last modified" dates.
FIXED_TIME = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
# The history page's time axis runs to today: the pages are rendered as on one fixed day.
TODAY = datetime.datetime(2026, 11, 30, 12, 0, tzinfo=datetime.UTC)
NEWS_LIST_QUERIES = ("", "?kind=press_release", "?year=2023", "?q=IOM", "?q=nothing-matches", "?page=2", "?kind=x")


def snapshot_name(path):
    return re.sub(r"[^A-Za-z0-9._-]+", "_", path.strip("/")) or "root"


def fix_times():
    """Give every content row the same created/updated time, as if imported at FIXED_TIME."""
    for model in apps.get_models():
        names = {field.name for field in model._meta.concrete_fields}
        if {"created", "updated"} <= names and not model.__name__.startswith("Historical"):
            model._default_manager.update(created=FIXED_TIME, updated=FIXED_TIME)


def public_paths(client):
    """The sitemaps and every URL they list, and per language the feeds, news list filters and a missing page."""
    paths = ["/robots.txt", "/sitemap.xml", *sitemap_paths(client)]
    paths += [re.sub(r"^https?://[^/]+", "", url) for url in listed_locations(client)]
    for code in ("en", "cs", "uk"):
        with translation.override(code):
            paths += [reverse("news:list") + query for query in NEWS_LIST_QUERIES[1:]]
            paths += [reverse("news:rss"), reverse("news:atom"), f"/{code}/no-such-page/"]
    return paths


@pytest.mark.django_db
def test_public_pages_render_the_html_of_their_snapshots(client, shipped_content, monkeypatch, settings):
    fix_times()
    # Sitemap parts follow primary keys, which PostgreSQL does not reuse between tests: with one
    # part per section, the sitemaps' names and contents do not depend on the tests run before.
    settings.SITEMAP_ITEMS_PER_PART = 1_000_000
    monkeypatch.setattr(timezone, "now", lambda: TODAY)
    paths = public_paths(client)
    assert len(paths) > 60, "the sitemap lists fewer pages than the shipped content has"
    names = [snapshot_name(path) for path in paths]
    assert len(set(names)) == len(names), "two paths share a snapshot name"
    mismatched = []
    for path, name in zip(paths, names, strict=True):
        response = client.get(path)
        rendered = f"{response.status_code} {response.get('Content-Type')}\n".encode() + response.content
        snapshot = SNAPSHOTS / name
        if UPDATING:
            snapshot.write_bytes(rendered)
        elif not snapshot.exists() or snapshot.read_bytes() != rendered:
            mismatched.append(path)
    if UPDATING:
        for stale in set(os.listdir(SNAPSHOTS)) - set(names):
            (SNAPSHOTS / stale).unlink()
    assert mismatched == [], f"{len(mismatched)} of {len(paths)} pages differ from their snapshots: {mismatched}"
