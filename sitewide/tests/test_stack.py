"""Two app servers agree: what an editor changes through the admin on server A is there on the very
next request to server B and through nginx, in every language the change touches.

The tests share one production stack (deploy/localstack.py: nginx, two gunicorn app servers with
the production settings, a throwaway PostgreSQL and Redis, the shipped content), started once per
run: conftest.py sends this whole module to one xdist worker, which runs the tests in the order
written; the last one kills an app server and then stops the stack.
"""

import http.client
import os
import re
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.parse
from io import BytesIO

import psycopg
import pytest
from django.urls import reverse
from django.utils import translation
from PIL import Image

from deploy.localstack import ADMIN_PASSWORD, ADMIN_USER, LocalStack, is_running
from testing.admin_support import page_form_data

LANGUAGES = ("en", "cs", "uk")
READERS = ("app-b", "nginx")


class Page:
    def __init__(self, response, content):
        self.status = response.status
        self.headers = response.headers
        self.content = content

    @property
    def text(self):
        return self.content.decode()


class Visitor:
    """One browser talking to one server: its own cookies, redirects not followed."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            page = Page(response, response.read())
        finally:
            connection.close()
        for cookie in page.headers.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]
        return page

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, data, files=None):
        if files:
            body, content_type = multipart(data, files)
        else:
            body, content_type = urllib.parse.urlencode(data, doseq=True), "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers={"Content-Type": content_type})

    def log_in(self):
        login = "/admin/login/?next=/admin/"
        data = page_form_data(self.get(login).text, "login-form", username=ADMIN_USER, password=ADMIN_PASSWORD)
        assert self.post(login, data).status == 302, "the local admin cannot log in"
        return self


def multipart(data, files):
    boundary = secrets.token_hex(16)
    parts = []
    for name, values in data.items():
        for value in values:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(f"{head}Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def errors_of(page):
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', page.text, re.S) or page.text[:500]


@pytest.fixture(scope="module")
def stack():
    # A folder other users may enter: nginx's workers (www-data) read the static files and
    # uploads, and PostgreSQL runs as postgres.
    folder = tempfile.mkdtemp(prefix="iomcz-stack-test-")
    os.chmod(folder, 0o755)
    stack = LocalStack(folder, free_ports=True, workers=1)
    stack.start()
    yield stack
    stack.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def editor(stack):
    """The local admin, logged in on server A."""
    return Visitor(stack.urls["app-a"]).log_in()


def read(stack, server, path, **headers):
    """A page as a new anonymous reader gets it from one server of the stack."""
    return Visitor(stack.urls[server]).get(path, **headers)


def query(stack, sql, *params):
    with psycopg.connect(stack.urls["postgres"]) as connection:
        return connection.execute(sql, params).fetchall()


def url(name, code, **kwargs):
    with translation.override(code):
        return reverse(name, kwargs=kwargs)


def anniversary(stack):
    """The shipped news item: its id and its slug per language."""
    row = query(stack, "SELECT id, slug_en, slug_cs, slug_uk FROM news_newsitem ORDER BY published_at LIMIT 1")[0]
    return row[0], dict(zip(LANGUAGES, row[1:], strict=True))


def change(editor, item_id, files=None, **changes):
    path = f"/admin/news/newsitem/{item_id}/change/"
    data = page_form_data(editor.get(path).text, "newsitem_form", **changes)
    answer = editor.post(path, data, files)
    assert answer.status == 302, errors_of(answer)


def add(editor, **fields):
    path = "/admin/news/newsitem/add/"
    data = page_form_data(editor.get(path).text, "newsitem_form", status="published", **fields)
    answer = editor.post(path, data)
    assert answer.status == 302, errors_of(answer)


def three_languages(title):
    return {
        **{f"title_{code}": f"{title[code]}" for code in LANGUAGES},
        **{f"lead_{code}": f"{title[code]}: lead" for code in LANGUAGES},
        **{f"body_{code}": f"<p>{title[code]}: body</p>" for code in LANGUAGES},
    }


def test_a_change_on_server_a_is_on_the_first_request_to_server_b_and_through_nginx(stack, editor):
    item_id, slugs = anniversary(stack)
    pages = {code: url("news:detail", code, slug=slugs[code]) for code in LANGUAGES}
    lists = {code: url("news:list", code) for code in LANGUAGES}
    for server in READERS:
        for code in LANGUAGES:
            assert read(stack, server, pages[code]).status == 200
            assert read(stack, server, lists[code]).status == 200

    token = secrets.token_hex(4)
    titles = {"en": f"Changed on A {token}", "cs": f"Změněno na A {token}", "uk": f"Змінено на A {token}"}
    bodies = {"en": "Read on B.", "cs": "Čteno na B.", "uk": "Прочитано на B."}
    changes = {f"title_{code}": titles[code] for code in LANGUAGES}
    changes |= {f"body_{code}": f"<p>{bodies[code]} {token}</p>" for code in LANGUAGES}
    change(editor, item_id, **changes)

    # The slugs were made from the old titles, so they follow the new ones; the old addresses redirect.
    moved = {code: url("news:detail", code, slug=slug) for code, slug in anniversary(stack)[1].items()}
    for server in READERS:
        for code in LANGUAGES:
            old = read(stack, server, pages[code])
            assert (old.status, old.headers["Location"]) == (301, moved[code]), (server, code)
            page = read(stack, server, moved[code])
            assert page.status == 200
            assert f"<h1>{titles[code]}</h1>" in page.text, (server, code)
            assert f"<p>{bodies[code]} {token}</p>" in page.text, (server, code)
            assert titles[code] in read(stack, server, lists[code]).text, (server, code)


def test_a_new_item_published_on_server_a_is_listed_and_in_the_feeds_through_both(stack, editor):
    paths = [url(name, code) for code in LANGUAGES for name in ("news:list", "news:rss", "news:atom")]
    for server in READERS:
        for path in paths:
            assert read(stack, server, path).status == 200

    token = secrets.token_hex(4)
    title = {"en": f"New office {token}", "cs": f"Nová kancelář {token}", "uk": f"Новий офіс {token}"}
    add(editor, **three_languages(title))

    for server in READERS:
        for code in LANGUAGES:
            for name in ("news:list", "news:rss", "news:atom"):
                assert title[code] in read(stack, server, url(name, code)).text, (server, code, name)


def test_an_item_deleted_on_server_a_is_gone_through_both(stack, editor):
    token = secrets.token_hex(4)
    title = {"en": f"Short-lived {token}", "cs": f"Krátký život {token}", "uk": f"Недовго {token}"}
    add(editor, **three_languages(title))
    [(item_id, slug_cs)] = query(stack, "SELECT id, slug_cs FROM news_newsitem WHERE title_en = %s", title["en"])
    page = url("news:detail", "cs", slug=slug_cs)
    for server in READERS:
        assert read(stack, server, page).status == 200
        assert title["cs"] in read(stack, server, url("news:list", "cs")).text

    path = f"/admin/news/newsitem/{item_id}/delete/"
    token_field = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', editor.get(path).text).group(1)
    assert editor.post(path, {"csrfmiddlewaretoken": [token_field], "post": ["yes"]}).status == 302

    for server in READERS:
        assert read(stack, server, page).status == 404, server
        for code in LANGUAGES:
            assert title[code] not in read(stack, server, url("news:list", code)).text, (server, code)
            assert title[code] not in read(stack, server, url("news:atom", code)).text, (server, code)


def app_server_logs(stack):
    return "".join((stack.folder / "logs" / f"{name}.log").read_text(errors="replace") for name in ("app-a", "app-b"))


def test_nginx_serves_the_hashed_static_files_compressed_and_cached_for_a_year(stack):
    home = read(stack, "nginx", "/en/").text
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', home).group(1)
    page = read(stack, "nginx", stylesheet, **{"Accept-Encoding": "gzip"})
    assert page.status == 200
    assert page.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert page.headers["Content-Encoding"] == "gzip"
    assert page.headers["Content-Type"] == "text/css"
    assert "Server" not in page.headers
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    assert page.headers["Content-Security-Policy"].endswith("sandbox")
    proxied = read(stack, "nginx", "/en/")
    assert "Server" not in proxied.headers
    assert proxied.headers["Cross-Origin-Resource-Policy"] == "same-origin"
    unhashed = read(stack, "nginx", "/static/css/site.css")
    assert unhashed.headers["Cache-Control"] == "public, max-age=3600"
    assert stylesheet not in app_server_logs(stack), "an app server served a static file"


def test_an_image_uploaded_on_server_a_is_served_by_nginx_with_a_restrictive_policy(stack, editor):
    item_id, slugs = anniversary(stack)
    image = BytesIO()
    Image.new("RGB", (640, 360), (0, 90, 160)).save(image, "PNG")
    alts = {f"image_alt_{code}": f"Office {code}" for code in LANGUAGES}
    change(editor, item_id, files={"image": ("office.png", image.getvalue(), "image/png")}, **alts)

    page = read(stack, "app-b", url("news:detail", "cs", slug=slugs["cs"])).text
    uploads = sorted(set(re.findall(r"(/media/news/[^\"\s,]+)", page)))
    assert uploads, "the page shows no uploaded image"
    for path in uploads:
        served = read(stack, "nginx", path)
        assert served.status == 200, path
        assert served.headers["Content-Type"].startswith("image/")
        assert served.headers["X-Content-Type-Options"] == "nosniff"
        assert served.headers["Content-Security-Policy"].endswith("sandbox")
        assert "default-src 'none'" in served.headers["Content-Security-Policy"]
        assert served.headers["Cache-Control"] == "public, max-age=86400"
        assert served.headers["Cross-Origin-Resource-Policy"] == "same-origin"
        # The app servers do not serve uploads in production: nginx does, from the disk.
        assert read(stack, "app-a", path).status == 404
    assert read(stack, "nginx", "/media/").status == 403
    assert read(stack, "nginx", "/media/news/").status == 403


def test_nginx_keeps_serving_when_an_app_server_dies_and_the_stack_stops_cleanly(stack):
    os.killpg(stack.state["pids"]["app-b"], signal.SIGKILL)
    paths = ["/en/", "/cs/", "/uk/", url("news:list", "cs"), url("news:atom", "uk"), "/robots.txt"] * 3
    started = time.monotonic()
    assert [read(stack, "nginx", path).status for path in paths] == [200] * len(paths)
    assert time.monotonic() - started < 15

    processes = stack.process_ids()
    assert len(processes) >= 8, "nginx and its workers, app server A and its worker, PostgreSQL, Redis"
    stack.stop()
    assert [pid for pid in processes if is_running(pid)] == []
    for pattern in [str(stack.folder), *(f"127.0.0.1:{stack.ports[name]}" for name in ("app-a", "app-b"))]:
        assert subprocess.run(["pgrep", "-f", pattern], capture_output=True, text=True).stdout == "", pattern
