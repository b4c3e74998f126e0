"""The headers a security scanner reads, scored by the HTTP Observatory's rules (testing/observatory.py).

Targets: every public page at 125 or more, the admin's login page at 115 or more, as the
production settings send them over https with HSTS preloading switched on.
"""

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.utils import translation

from testing.observatory import score

PRODUCTION_HEADERS = {
    "SECURE_HSTS_SECONDS": 31_536_000,
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
}
PUBLIC_PAGES = [
    "/en/",
    "/cs/",
    "/uk/",
    "/en/news/",
    "/cs/aktuality/",
    "/en/history/",
    "/en/programmes/",
    "/en/news/no-such-item/",
]


def redirection(client, path):
    """How the site answers the same page over plain http: a redirect to https on the same host."""
    response = client.get(path)
    if response.status_code in {301, 302} and response["Location"].startswith("https://testserver/"):
        return ("redirection-to-https", 0)
    return ("redirection-missing", -20)


@pytest.fixture
def production_headers():
    with override_settings(**PRODUCTION_HEADERS):
        yield


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_scores_at_least_125(client, site, production_headers, path):
    response = client.get(path, secure=True)
    total, results = score(response, redirection(client, path))
    assert total >= 125, results
    assert results["csp-implemented-with-no-unsafe-default-src-none"] == 10


def test_public_pages_allow_no_inline_style_or_script_and_nothing_from_elsewhere(client, site):
    policy = client.get("/en/news/")["Content-Security-Policy"]
    assert "unsafe-inline" not in policy
    assert "default-src 'none'" in policy
    assert "script-src" not in policy  # no scripts at all: default-src 'none' covers them
    assert "http" not in policy


def test_the_admin_login_page_scores_at_least_115_and_keeps_inline_styles_to_the_admin(client, db, production_headers):
    with translation.override("en"):
        response = client.get("/admin/login/", secure=True)
        total, results = score(response, redirection(client, "/admin/login/"))
    assert total >= 115, results
    assert "cookies-secure-with-httponly-sessions-and-samesite" in results
    assert "style-src 'self' 'unsafe-inline'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("path", ["/en/", "/admin/login/", "/static/css/site.css", "/robots.txt"])
def test_every_response_keeps_to_its_own_origin(client, db, path):
    with translation.override("en"):
        response = client.get(path)
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_static_file_opened_directly_runs_sandboxed_and_an_image_gets_no_rights(client, db):
    stylesheet = client.get("/static/css/site.css")
    svg = client.get("/static/images/favicon.svg")
    png = client.get("/static/images/og-default.png")
    assert stylesheet.status_code == svg.status_code == png.status_code == 200
    assert stylesheet["Content-Security-Policy"].endswith("sandbox")
    assert svg["Content-Security-Policy"].endswith("sandbox")
    assert png["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"


def test_the_scorer_gives_the_old_public_policy_110():
    """The policy public pages had before (inline styles allowed, default-src 'self') scored 110."""
    old = HttpResponse("<html><body>No scripts.</body></html>", content_type="text/html; charset=utf-8")
    old["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
        "frame-ancestors 'none'"
    )
    old["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    old["Referrer-Policy"] = "same-origin"
    old["X-Content-Type-Options"] = "nosniff"
    old["X-Frame-Options"] = "DENY"
    assert score(old)[0] == 110
    del old["Content-Security-Policy"]
    assert score(old)[0] == 75  # no CSP: -25, which leaves it under 90, where bonuses stop counting
