"""The HTTP Observatory's scoring rules, applied to one response's headers and HTML.

Every page starts at 100 and gets each test's modifier; bonuses (positive modifiers) count only
when the score without them is 90 or more. The figures are the published modifiers of the
Observatory's tests (CSP, cookies, referrer policy, HSTS, subresource integrity,
X-Content-Type-Options, X-Frame-Options). Two things a scan of headers cannot see are decided
here: "HSTS preloaded" is granted when the header asks for preloading and meets the preload
list's terms (the real scanner grants it once the domain is on the list), and redirection is
judged by the caller, who knows how the site answers plain http.
"""

import re
from http.cookies import SimpleCookie

SIX_MONTHS = 15_768_000
ONE_YEAR = 31_536_000
PRIVATE_REFERRERS = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
UNSAFE_REFERRERS = {"origin", "origin-when-cross-origin", "unsafe-url"}
SCRIPT_SRC = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([a-z-]+)\s*=\s*"([^"]*)"', re.IGNORECASE)


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives.setdefault(words[0].lower(), words[1:])
    return directives


def csp_modifier(headers):
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    default = policy.get("default-src", [])
    scripts = policy.get("script-src", default)
    styles = policy.get("style-src", default)
    if "'unsafe-inline'" in scripts or any(source in {"*", "http:"} for source in scripts):
        return "csp-implemented-with-unsafe-inline", -20
    if "'unsafe-eval'" in scripts:
        return "csp-implemented-with-unsafe-eval", -10
    if any(source.startswith("http:") for sources in policy.values() for source in sources):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-inline'" in styles:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def cookies_modifier(set_cookie_headers, hsts):
    cookies = SimpleCookie()
    for header in set_cookie_headers:
        cookies.load(header)
    if not cookies:
        return "cookies-not-found", 0
    session = [morsel for name, morsel in cookies.items() if "session" in name.lower() or "csrf" in name.lower()]
    if any(not morsel["secure"] for morsel in session):
        if hsts:
            return "cookies-session-without-secure-flag-but-protected-by-hsts", -10
        return "cookies-session-without-secure-flag", -40
    if any(not morsel["httponly"] for morsel in session):
        return "cookies-session-without-httponly-flag", -30
    if any(not morsel["secure"] for morsel in cookies.values()):
        if hsts:
            return "cookies-without-secure-flag-but-protected-by-hsts", -5
        return "cookies-without-secure-flag", -20
    if all(morsel["samesite"] for morsel in cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def referrer_modifier(headers):
    values = {value.strip().lower() for value in headers.get("Referrer-Policy", "").split(",") if value.strip()}
    if not values:
        return "referrer-policy-not-implemented", 0
    if values & UNSAFE_REFERRERS:
        return "referrer-policy-unsafe", -5
    if values <= PRIVATE_REFERRERS:
        return "referrer-policy-private", 5
    return "referrer-policy-no-referrer-when-downgrade", 0


def hsts_modifier(headers):
    header = headers.get("Strict-Transport-Security")
    if not header:
        return "hsts-not-implemented", -20
    parts = {part.strip().split("=")[0].lower(): part.strip() for part in header.split(";") if part.strip()}
    if "max-age" not in parts:
        return "hsts-header-invalid", -20
    max_age = int(parts["max-age"].split("=")[1])
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    if max_age >= ONE_YEAR and "includesubdomains" in parts and "preload" in parts:
        return "hsts-preloaded", 5
    return "hsts-implemented-max-age-at-least-six-months", 0


def sri_modifier(headers, html):
    if not headers.get("Content-Type", "").startswith("text/html"):
        return "sri-not-implemented-response-not-html", 0
    scripts = [dict(ATTRIBUTE.findall(attributes)) for attributes in SCRIPT_SRC.findall(html)]
    sources = [script for script in scripts if "src" in script]
    if not sources:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [script for script in sources if re.match(r"(https?:)?//", script["src"])]
    if any(script["src"].startswith("http:") for script in external):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    if all("integrity" in script for script in sources):
        return "sri-implemented-and-all-scripts-loaded-securely", 5
    if external:
        return "sri-not-implemented-but-external-scripts-loaded-securely", -5
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0


def nosniff_modifier(headers):
    if headers.get("X-Content-Type-Options", "").strip().lower() == "nosniff":
        return "x-content-type-options-nosniff", 0
    return "x-content-type-options-not-implemented", -5


def frame_modifier(headers):
    if "frame-ancestors" in parse_csp(headers.get("Content-Security-Policy", "")):
        return "x-frame-options-implemented-via-csp", 5
    if headers.get("X-Frame-Options", "").strip().upper() in {"DENY", "SAMEORIGIN"}:
        return "x-frame-options-sameorigin-or-deny", 0
    return "x-frame-options-not-implemented", -20


def score(response, redirection=("redirection-to-https", 0)):
    """(score, {test result: modifier}) of a Django test response."""
    headers = response.headers
    html = response.content.decode(errors="replace") if hasattr(response, "content") else ""
    hsts = "Strict-Transport-Security" in headers
    results = dict(
        [
            csp_modifier(headers),
            cookies_modifier([morsel.OutputString() for morsel in response.cookies.values()], hsts),
            referrer_modifier(headers),
            hsts_modifier(headers),
            sri_modifier(headers, html),
            nosniff_modifier(headers),
            frame_modifier(headers),
            redirection,
        ]
    )
    penalties = 100 + sum(value for value in results.values() if value < 0)
    bonuses = sum(value for value in results.values() if value > 0)
    return max(0, penalties + (bonuses if penalties >= 90 else 0)), results
