"""Every public URL answers HEAD as it answers GET, without the body, and any other method with 405."""

import pytest
from django.test import Client

from sitewide.tests.test_public_html_unchanged import public_paths

# Headers that differ between any two requests, whatever their method: the time (never-cached
# answers say Expires: now) and the CSP, whose directive order django-csp does not fix.
PER_REQUEST = {"Content-Security-Policy", "Date", "Expires"}


@pytest.fixture
def paths(client, shipped_content):
    """The snapshot test's public URLs (pages, feeds, robots.txt, every sitemap) and `/`."""
    return ["/", *public_paths(client)]


def test_every_public_url_answers_head_with_the_status_and_headers_of_get_and_no_body(client, paths):
    differences = {}
    for path in paths:
        get, head = client.get(path), client.head(path)
        seen = {name: (get.headers.get(name), head.headers.get(name)) for name in {*get.headers, *head.headers}}
        changed = {name: pair for name, pair in seen.items() if pair[0] != pair[1] and name not in PER_REQUEST}
        if head.status_code != get.status_code or head.content or changed:
            differences[path] = (get.status_code, head.status_code, len(head.content), changed)
    assert differences == {}
    statuses = {path: client.head(path).status_code for path in paths}
    assert statuses["/"] == 302
    assert statuses["/robots.txt"] == statuses["/sitemap.xml"] == statuses["/en/news/rss/"] == 200
    # Missing pages, and a second page of news that the shipped content does not fill.
    missing = {path for path in paths if "no-such-page" in path or path.endswith("?page=2")}
    assert len(missing) == 6
    assert {path for path, status in statuses.items() if status == 404} == missing
    assert {status for path, status in statuses.items() if path != "/" and path not in missing} == {200}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_every_public_url_refuses_other_methods_with_405_and_names_get_and_head(paths, method):
    """As a browser or crawler sends them, without a CSRF token: the answer is 405, not the CSRF page."""
    client = Client(enforce_csrf_checks=True)
    answers = {}
    for path in paths:
        if "no-such-page" in path or path.endswith("?page=2"):
            continue
        response = getattr(client, method)(path)
        answers[path] = (response.status_code, response.get("Allow"))
    assert {path: answer for path, answer in answers.items() if answer != (405, "GET, HEAD")} == {}
    assert len(answers) > 60
