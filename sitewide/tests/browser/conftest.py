"""The live site as a reader's Chromium sees it, on pytest-django's live server."""

from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from testing.chromium import sign_in

AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
LOCAL_SCHEMES = {"data", "blob", "about"}


class LiveSite:
    """The live server as a reader's browser sees it; every request to another host is refused and noted."""

    def __init__(self, browser, live_server):
        self.browser = browser
        self.url = live_server.url
        self.host = urlsplit(live_server.url).netloc
        self.foreign_requests = []
        self.console_errors = []

    def is_foreign(self, url):
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.netloc != self.host

    def note_request(self, request):
        if self.is_foreign(request.url):
            self.foreign_requests.append((request.frame.page.url, request.url))

    def note_console(self, message):
        """Errors the page logs: scripts that fail, resources that fail, Content-Security-Policy refusals."""
        if message.type == "error":
            self.console_errors.append((message.page.url if message.page else "", message.text))

    def only_this_site(self, route):
        if self.is_foreign(route.request.url):
            route.abort()
        else:
            route.continue_()

    def signed_in(self, username, password, **context_options):
        """(context, page): a fresh browser context signed in through the admin's login form by
        typing; the caller closes the context."""
        context = self.browser.new_context(**context_options)
        context.route("**/*", self.only_this_site)
        page = context.new_page()
        page.on("pageerror", lambda error: self.console_errors.append((page.url, str(error))))
        page.goto(f"{self.url}/admin/login/")
        sign_in(page, username, password)
        return context, page

    @contextmanager
    def open(self, path, *, status=200, width=1280, javascript=True, bypass_csp=False, wait_until="load"):
        """A fresh browser tab showing `path`, which must answer `status`.

        `bypass_csp` lets the tests inject their own scripts (axe-core) and see requests that the
        Content-Security-Policy would stop before they leave the browser.
        """
        context = self.browser.new_context(
            viewport={"width": width, "height": 800},
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
        )
        try:
            context.route("**/*", self.only_this_site)
            page = context.new_page()
            page.on("request", self.note_request)
            page.on("console", self.note_console)
            page.on("pageerror", lambda error: self.console_errors.append((page.url, str(error))))
            response = page.goto(self.url + path, wait_until=wait_until)
            assert response.status == status, f"{path} answers {response.status}, not {status}"
            yield page
        finally:
            context.close()


@pytest.fixture
def live_site(chromium, live_server, shipped_content):
    """The shipped content on the live server, opened in the module's Chromium."""
    return LiveSite(chromium, live_server)
