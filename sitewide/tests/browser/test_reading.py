"""Every public page reads on a 320-pixel phone, without JavaScript, and without another host."""

import pytest

from core.i18n import LANGUAGE_CODES

from .pages import expected_status, public_pages, report

pytestmark = pytest.mark.browser

NARROWEST_SCREEN = 320

MAIN_TEXT = """() => {
    const main = document.querySelector("main");
    const heading = document.querySelector("h1");
    return {
        main: main ? main.innerText : "",
        heading: heading && heading.checkVisibility() ? heading.innerText.trim() : "",
    };
}"""


def lines(text):
    return {line.strip() for line in text.splitlines() if line.strip()}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_public_page_scrolls_sideways_on_a_320_pixel_screen(live_site, code):
    widths = {}
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name), width=NARROWEST_SCREEN) as page:
            widths[f"{name} {path}"] = page.evaluate("document.scrollingElement.scrollWidth")
    assert {page: width for page, width in widths.items() if width > NARROWEST_SCREEN} == {}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_public_page_reads_the_same_without_javascript(live_site, code):
    problems = {}
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name)) as page:
            with_script = page.evaluate(MAIN_TEXT)
        with live_site.open(path, status=expected_status(name), javascript=False) as page:
            without_script = page.locator("main").inner_text() if page.locator("main").count() == 1 else ""
            heading = page.locator("h1").first
            visible_heading = heading.inner_text().strip() if heading.count() and heading.is_visible() else ""
        missing = lines(with_script["main"]) - lines(without_script)
        if not (with_script["heading"] and visible_heading == with_script["heading"] and not missing):
            problems[f"{name} {path}"] = {"heading": visible_heading, "missing without JavaScript": sorted(missing)}
    assert not problems, report(problems)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_public_page_asks_another_host_for_anything(live_site, code):
    """The Content-Security-Policy would hide such a request, so it is lifted here to see every one."""
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name), bypass_csp=True) as page:
            page.mouse.wheel(0, 10000)
            page.wait_for_load_state("networkidle")
    assert live_site.foreign_requests == []


def test_a_request_to_another_host_is_refused_and_noted(live_site):
    font = "https://fonts.example.org/font.woff2"
    with live_site.open(public_pages("en")["home"], bypass_csp=True) as page:
        fetched = page.evaluate("url => fetch(url).then(() => 'fetched', () => 'refused')", font)
    assert (fetched, [url for _page, url in live_site.foreign_requests]) == ("refused", [font])


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_no_public_page_logs_an_error_in_the_browser_console(live_site, code):
    for name, path in public_pages(code).items():
        with live_site.open(path, status=expected_status(name)):
            pass
    not_found_page = live_site.url + public_pages(code)["not found"]
    errors = [(url, text) for url, text in live_site.console_errors if not (url == not_found_page and "404" in text)]
    assert errors == []
