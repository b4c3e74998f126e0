"""The XSS corpus in every field of every content model, rendered by the public pages in a real
Chromium: no payload runs, with the site's Content-Security-Policy and without it (so that the
sanitiser and the templates' escaping are tested on their own, not only the CSP behind them)."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from core.tests.test_xss import PAYLOADS, content_with

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE_LENGTH = 200

# Runs before any script of the page: counts what a payload would do if it ever ran.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""

# What is active in the rendered DOM: handlers, script URLs, frames, scripts not of the site.
AUDIT_DOM = """
() => {
  const found = [];
  for (const element of document.querySelectorAll("*")) {
    const tag = element.tagName.toLowerCase();
    if (["iframe", "frame", "object", "embed", "base", "portal", "applet"].includes(tag)) found.push(`<${tag}>`);
    const equiv = (element.getAttribute("http-equiv") || "").toLowerCase();
    if (tag === "meta" && equiv === "refresh") found.push("meta refresh");
    const ours = (element.src || "").startsWith(location.origin + "/static/");
    if (tag === "script" && element.type !== "application/ld+json" && !ours) {
      found.push(`script ${element.src || element.textContent.slice(0, 40)}`);
    }
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      const value = attribute.value.replace(/[\\u0000-\\u0020]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`${name} on <${tag}>`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"].includes(name)
          && /^(javascript|vbscript|data):/.test(value)) found.push(`${name}=${value.slice(0, 30)} on <${tag}>`);
    }
  }
  return found;
}
"""


def chunks_of_payloads():
    """The corpus cut into groups that fit in a title, so that every payload is in every field."""
    chunks, current = [], []
    for payload in PAYLOADS:
        if current and len(" ".join([*current, payload])) > TITLE_LENGTH:
            chunks.append(current)
            current = []
        current.append(payload)
    return [*chunks, current]


def public_paths(sets):
    """Every public page type showing the payload-filled content: each list in English and
    Ukrainian, every news item (whose page also carries its title in meta tags and JSON-LD), and
    a few programmes and projects (their fields are already on the lists and the history page)."""
    paths = []
    for code in ("en", "uk"):
        with translation.override(code):
            paths += [reverse("home"), reverse("history:timeline"), reverse("programmes:list")]
            paths += [f"{reverse('news:list')}?page={page}" for page in range(1, len(sets) // 10 + 2)]
            paths += [content["newsitem"].get_absolute_url() for content in (sets if code == "en" else sets[:1])]
            paths += [content[name].get_absolute_url() for content in sets[:3] for name in ("programme", "project")]
    return paths


class Visit:
    """One tab that goes from page to page, noting dialogs, CSP reports, requests to other hosts."""

    def __init__(self, chromium, base_url, bypass_csp):
        self.context = chromium.new_context(bypass_csp=bypass_csp, java_script_enabled=True)
        self.context.add_init_script(WATCH)
        self.host = urlsplit(base_url).netloc
        self.base_url = base_url
        self.dialogs, self.foreign = [], []
        self.context.route("**/*", self.only_this_site)
        self.page = self.context.new_page()
        self.page.on("dialog", self.note_dialog)

    def note_dialog(self, dialog):
        self.dialogs.append((self.page.url, dialog.message))
        dialog.dismiss()

    def only_this_site(self, route):
        """Requests to other hosts are refused and noted; the payloads' broken image URLs fail at
        once (an error event all the same) instead of each rendering a 404 page."""
        url = urlsplit(route.request.url)
        if url.scheme in ("http", "https") and url.netloc != self.host:
            self.foreign.append(route.request.url)
            route.abort()
        elif route.request.resource_type in ("image", "media") and not url.path.startswith(("/static/", "/media/")):
            route.abort()
        else:
            route.continue_()

    def open(self, path):
        response = self.page.goto(self.base_url + path, wait_until="load")
        self.page.wait_for_timeout(50)
        return self.page, response

    def close(self):
        self.context.close()


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with the site's CSP", "without any CSP"])
def test_no_payload_runs_on_any_public_page(chromium, live_server, bypass_csp):
    with translation.override("en"):
        sets = [content_with(" ".join(chunk), n) for n, chunk in enumerate(chunks_of_payloads())]
    paths = public_paths(sets)
    visit = Visit(chromium, live_server.url, bypass_csp)
    ran, violations, active, statuses = [], [], [], {}
    try:
        for path in paths:
            page, response = visit.open(path)
            statuses[path] = response.status
            if page.evaluate("window.__xss !== undefined"):
                ran.append(path)
            violations += [(path, v) for v in page.evaluate("window.__violations") if v.startswith("script-src")]
            active += [(path, found) for found in page.evaluate(AUDIT_DOM)]
    finally:
        visit.close()
    assert {path: status for path, status in statuses.items() if status != 200} == {}
    assert visit.dialogs == []
    assert ran == []
    assert violations == []
    assert active == []
    assert visit.foreign == []


def test_plain_text_fields_show_the_payload_as_text(chromium, live_server):
    chunk = chunks_of_payloads()[0]
    with translation.override("en"):
        news = content_with(" ".join(chunk), 0)["newsitem"]
        path = news.get_absolute_url()
    visit = Visit(chromium, live_server.url, bypass_csp=False)
    try:
        page, _response = visit.open(path)
        assert page.text_content("h1") == news.title_en
        assert page.text_content(".lead") == news.lead_en
        assert page.title().startswith(news.title_en)
    finally:
        visit.close()
