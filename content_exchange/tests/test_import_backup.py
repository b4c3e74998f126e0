"""A backup made with export_content restores a site whose public pages are the same, byte for byte."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from core.i18n import LANGUAGE_CODES
from testing.sitemaps import listed_locations

from .test_import import DATA, empty_database, export_content, import_content


def public_paths(client):
    """Every page the sitemaps list, plus each language's news feeds."""
    paths = {urlsplit(url).path for url in listed_locations(client)}
    paths |= {f"/{code}/{segment}" for code in LANGUAGE_CODES for segment in feed_segments(code)}
    return sorted(paths)


def feed_segments(code):
    with translation.override(code):
        return [reverse(name).removeprefix(f"/{code}/") for name in ("news:rss", "news:atom")]


def render(client, paths):
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = response.content.decode()
    return pages


@pytest.mark.django_db
def test_every_public_page_renders_the_same_after_export_and_import_into_an_empty_database(client, tmp_path):
    import_content(DATA)
    paths = public_paths(client)
    assert len(paths) > 3 * 4, paths
    before = render(client, paths)
    backup = tmp_path / "backup.json"
    backup.write_text(export_content(), encoding="utf-8")
    empty_database()
    import_content(backup)
    after = render(client, paths)
    assert [path for path in paths if after[path] != before[path]] == []
