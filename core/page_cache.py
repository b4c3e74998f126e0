"""The whole-page cache: public pages served to anonymous readers without running their views.

`PageCacheMiddleware` keeps the answer to an anonymous GET of a public page in the shared cache,
one entry per full URL (host, path and query string), and serves later GET and HEAD requests for
that URL from it while the entry is fresh:

- it was made with the current content version (`core.public_cache`: read from the database once
  per request, changed in the same transaction as every content change), and by this code (the
  key holds a fingerprint of the code, templates, translations and static files);
- no scheduled item has gone live since, the day (Europe/Prague) has not changed, and it is
  less than LONGEST seconds old.

Stored: 200 answers to anonymous GET requests that set no cookie, are not streamed, are not
marked private, no-cache or no-store, and vary on no request header but Cookie (the session
cookie, which the request did not carry) and, for a `language_neutral` page, Accept-Language.
Never served from or stored in the cache: requests with a session cookie (staff), the admin,
previews (drafts are shown to staff only, marked no-store), POST and other methods, redirects,
errors.

Headers. A public page gets a strong ETag (a hash of its body: the same on every app server) and
`Cache-Control: public, max-age=0, s-maxage=60`: browsers ask again on every visit (a 304 when
unchanged), a CDN may keep the page for a minute, or less when a scheduled item goes live sooner.
`X-Accel-Expires: 0` keeps the stack's own nginx from keeping it at all (nginx obeys this header
before Cache-Control and does not pass it on). `Vary` names what the page really depends on:
not Cookie (the page is the same for every anonymous reader), and not Accept-Language for the
pages without a language prefix that are the same in every language (`language_neutral`).
Every other answer gets Django's never-cache headers unless its view set its own Cache-Control.

When the database cannot be read, the last stored copy of the URL (kept KEEP seconds) is served,
marked never-cache; without one, the request goes on to fail as it would have.

With DEBUG on (`make run`) nothing is stored or served from the cache, so that an edited template
shows at once; the headers are the same.
"""

import datetime
import functools
import hashlib
import os

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, cc_delim_re, get_conditional_response
from django.utils.http import parse_http_date_safe

from .public_cache import LONGEST, publishable_models, read_state, request_state

SHARED_FOR = 60  # s-maxage: how long a CDN may keep a public page
KEEP = 3600  # how long a copy stays in the cache at all: the copy served while the database is down
SERVED_HEADERS = {"cache-control", "expires", "x-accel-expires"}  # set when served, never stored
NOT_STORED_DIRECTIVES = {"private", "no-cache", "no-store"}
CODE_SUFFIXES = {".py", ".html", ".mo"}
NOT_CODE_DIRS = {"__pycache__", "node_modules", "tests", "data", "bench"}


def language_neutral(view):
    """Marks a view without a language prefix whose answer is the same for every language (robots.txt,
    sitemap.xml): its answer then varies neither on Accept-Language nor names a Content-Language."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.language_neutral = True
        return response

    return wrapper


@functools.cache
def code_fingerprint():
    """A hash of what a page is made from besides the content: the project's code, templates and
    translations, its own static files and the collected static manifest, the pinned
    requirements (which fix every package, the static files of packages included) and SITE_URL.
    The same on every server running the same release; a new release never reads the pages of
    the previous one."""
    root = str(settings.BASE_DIR)
    skipped = {os.path.realpath(settings.MEDIA_ROOT), os.path.realpath(settings.STATIC_ROOT)}
    static = tuple(os.path.realpath(d[1] if isinstance(d, tuple) else d) + os.sep for d in settings.STATICFILES_DIRS)
    paths = [os.path.join(root, name) for name in os.listdir(root) if name.startswith("requirements")]
    paths.append(os.path.join(str(settings.STATIC_ROOT), "staticfiles.json"))
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [
            name
            for name in subfolders
            if not name.startswith(".")
            and name not in NOT_CODE_DIRS
            and os.path.realpath(os.path.join(folder, name)) not in skipped
        ]
        in_static = (os.path.realpath(folder) + os.sep).startswith(static)
        paths += [
            os.path.join(folder, name) for name in names if in_static or os.path.splitext(name)[1] in CODE_SUFFIXES
        ]
    digest = hashlib.sha256(settings.SITE_URL.encode())
    for path in sorted(set(paths)):
        if os.path.isfile(path):
            with open(path, "rb") as file:
                digest.update(f"\0{os.path.relpath(path, root)}\0".encode() + file.read())
    return digest.hexdigest()[:16]


def page_key(request):
    url = request.build_absolute_uri()
    return f"page:{code_fingerprint()}:{hashlib.sha256(url.encode()).hexdigest()}"


def is_public_read(request):
    """An anonymous reader's GET or HEAD outside the admin."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(reverse("admin:index"))
    )


def header_values(response, name):
    return [value.strip() for value in cc_delim_re.split(response.get(name, "")) if value.strip()]


def storable(response):
    """Whether `response` may be stored for every anonymous reader of its URL. If so, its Vary
    is made exact: no Cookie (the session cookie is the only one a page may depend on, and a
    request carrying it never reaches the cache), and for a page that is the same in every
    language (`language_neutral`) no Accept-Language and no Content-Language either. A page that
    still varies on a header the cache key does not hold is not stored."""
    directives = {value.split("=")[0].lower() for value in header_values(response, "Cache-Control")}
    if response.status_code != 200 or response.streaming or response.cookies or directives & NOT_STORED_DIRECTIVES:
        return False
    neutral = getattr(response, "language_neutral", False)
    ignored = {"cookie", "accept-language"} if neutral else {"cookie"}
    vary = [name for name in header_values(response, "Vary") if name.lower() not in ignored]
    if vary:
        return False
    if response.has_header("Vary"):
        del response.headers["Vary"]
    if neutral and response.has_header("Content-Language"):
        del response.headers["Content-Language"]
    return True


def next_change(state, now):
    """When pages may change with no change to the content: when the next scheduled item goes
    live, or at midnight in the site's time zone (the history page counts to today)."""
    zone = timezone.get_default_timezone()
    midnight = datetime.datetime.combine(timezone.localdate(now, zone) + datetime.timedelta(days=1), datetime.time())
    publication = state.next_publication(publishable_models())
    return min(moment for moment in (midnight.replace(tzinfo=zone), publication) if moment)


def make_entry(response, version, changes_at, now):
    return {
        "version": version,
        "fresh_until": min(changes_at, now + datetime.timedelta(seconds=LONGEST)),
        "changes_at": changes_at,
        "headers": [(name, value) for name, value in response.items() if name.lower() not in SERVED_HEADERS],
        "content": response.content,
    }


def entry_response(entry, method):
    """The stored page; for HEAD, its headers only."""
    response = HttpResponse(b"" if method == "HEAD" else entry["content"])
    for name, value in entry["headers"]:
        response.headers[name] = value
    return response


def etag_of(content):
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def public_headers(response, changes_at):
    """The Cache-Control of a public page: a CDN keeps it no later than `changes_at`."""
    seconds = int((changes_at - timezone.now()).total_seconds())
    response.headers["Cache-Control"] = f"public, max-age=0, s-maxage={max(0, min(SHARED_FOR, seconds))}"
    response.headers["X-Accel-Expires"] = "0"
    if response.has_header("Expires"):
        del response.headers["Expires"]
    return response


def conditional(request, response):
    """304 Not Modified (or 412) for a request whose If-None-Match or If-Modified-Since matches."""
    last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
    return get_conditional_response(request, etag=response.get("ETag"), last_modified=last_modified, response=response)


def never_cached(response):
    if not response.has_header("Cache-Control"):
        add_never_cache_headers(response)
    return response


def request_content_state(request):
    """The content state `core.scheduled_drafts` read for this request after publishing the drafts
    that were due (or its failure to read it), else read now."""
    failure = getattr(request, "content_state_failure", None)
    if failure is not None:
        raise failure
    return getattr(request, "content_state", None) or read_state()


class PageCacheMiddleware:
    """Serves anonymous readers' public pages from the shared cache (see the module's docstring).

    It sits below SecurityMiddleware and WhiteNoise and above every middleware that adds headers
    to a page (sessions, locale, CSP, X-Frame-Options), so a stored page holds all of them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not is_public_read(request):
            with request_state():
                return never_cached(self.get_response(request))
        key = page_key(request)
        now = timezone.now()
        try:
            state = request_content_state(request)
        except (OperationalError, InterfaceError):
            return self.without_database(request, key)
        with request_state(state):
            # With DEBUG (make run) every page is rendered, so that an edited template shows at once.
            entry = None if settings.DEBUG else cache.get(key)
            if entry is not None and entry["version"] == state.token and now < entry["fresh_until"]:
                response = entry_response(entry, request.method)
            else:
                changes_at = next_change(state, now)
                response = self.get_response(request)
                if not storable(response):
                    return never_cached(response)
                if not response.has_header("ETag"):
                    response.headers["ETag"] = etag_of(response.content)
                entry = make_entry(response, state.token, changes_at, now)
                if request.method == "GET" and not settings.DEBUG:
                    cache.set(key, entry, KEEP)
        return conditional(request, public_headers(response, entry["changes_at"]))

    def without_database(self, request, key):
        """The last stored copy of the page, however old, while the database cannot be read."""
        entry = cache.get(key)
        if entry is None:
            return never_cached(self.get_response(request))
        response = entry_response(entry, request.method)
        add_never_cache_headers(response)
        return response
