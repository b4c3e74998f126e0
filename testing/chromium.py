"""Debian's Chromium under Playwright (never a downloaded browser), for every browser test."""

import os
from contextlib import contextmanager
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium calls Google hosts, which the network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def launched_chromium():
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).")
    # Playwright's sync API leaves an event loop running in this thread, which makes Django refuse
    # the synchronous ORM calls of the tests around it; allow them only while the browser runs.
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watched_page(context, site_url):
    """A new tab of `context` that refuses requests to hosts other than `site_url`'s and notes them
    in `page.foreign`, and notes the page's script errors and console errors in `page.errors`."""
    host = urlsplit(site_url).netloc
    page = context.new_page()
    page.foreign, page.errors = [], []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))

    def only_this_site(route):
        if urlsplit(route.request.url).netloc != host:
            page.foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", only_this_site)
    return page


def sign_in(page, username, password):
    """On the admin's login page shown in `page`: sign in by clicking and typing, as a person does,
    and wait until the admin's index is shown."""
    page.locator("#id_username").click()
    page.keyboard.type(username)
    page.locator("#id_password").click()
    page.keyboard.type(password)
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
