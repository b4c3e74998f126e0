"""No request gets a 500: malformed query strings and paths, bad ids and initial values in the admin,
and every HTTP method on every public URL, from anonymous readers and from each role.

The corpus is built from the shipped content's real URLs. Each request must answer below 500, never
redirect to another host, and answer within a second of work (the test process's CPU time, after
one warm-up request per page, which compiles its templates; wall time only has to stay under five
seconds, since CI shares its cores with the browser tests); CI runs it on SQLite and on
PostgreSQL, where a NUL byte in a query parameter used to reach the database and fail there.
"""

import time
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation

from history.models import Director
from news.models import NewsItem
from programmes.models import Programme, Project
from testing.admin_support import user_in

METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE")
BAD_QUERIES = (
    "?q=a%00b",
    "?q=%00",
    "?kind=news&q=x%00",
    "?kind=%00",
    "?q=%ff%fe%fd",
    "?q=%C0%AF",
    "?q=" + "x" * 5000,
    "?page=abc",
    "?page=-1",
    "?page=0",
    "?page=99999999999999999999999",
    "?page=1e9",
    "?year=abc",
    "?year=99999",
    "?year=-1",
    "?%00=1",
    "?q=a&q=b&page=2&page=x",
    "?next=//evil.example/",
    "?p=abc",
    "?p=%00",
)
BAD_PATHS = (
    "/en/news/%00/",
    "/en/news/%ff%fe/",
    "/cs/aktuality/" + "a" * 3000 + "/",
    "/en/%C0%AE%C0%AE/",
    "/en/news/..%2f..%2fetc%2fpasswd/",
    "//evil.example/",
    "/%5Cevil.example/",
    "/uk/novyny/%D0/",
    "/en/news/2023/",
    "/en/news/99999/",
    "/xx/",
    "/en",
    "/admin/%00/",
)
ADMIN_MODELS = (NewsItem, Project, Director)


def admin_paths():
    paths = ["/admin/", "/admin/translations/?language=%00", "/admin/translations/?language=zz"]
    for model in ADMIN_MODELS:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        pk = model.objects.order_by("pk").values_list("pk", flat=True).first()
        date_fields = [field.name for field in model._meta.fields if field.get_internal_type().endswith("DateField")]
        date_fields += [field.name for field in model._meta.fields if field.get_internal_type() == "DateTimeField"]
        paths += [
            f"{base}{pk}/history/abc/",
            f"{base}{pk}/history/99999999999999999999/",
            f"{base}{pk}/history/-1/",
            f"{base}abc/change/",
            f"{base}99999999999999999999/change/",
            f"{base}%00/change/",
            f"{base}?o=abc",
            f"{base}?o=999",
            f"{base}?p=abc",
            f"{base}?q=%00",
            f"{base}?q=" + "x" * 3000,
            f"{base}?status=%00",
            f"{base}?translation=zz",
            f"{base}?e=1",
            f"{base}?_changelist_filters=%00",
            f"{base}add/?_changelist_filters=%ff",
        ]
        paths += [f"{base}add/?{name}=abc" for name in date_fields]
        paths += [f"{base}add/?{name}=%00" for name in date_fields[:1]]
    return paths


def public_urls():
    item = NewsItem.objects.visible_in("en").first()
    programme = Programme.objects.visible_in("en").first()
    project = Project.objects.visible_in("en").first()
    urls = ["/", "/robots.txt", "/sitemap.xml"]
    for code in ("en", "cs", "uk"):
        with translation.override(code):
            urls += [reverse("home"), reverse("news:list"), reverse("news:rss"), reverse("news:atom")]
            urls += [reverse("history:timeline"), reverse("programmes:list")]
    with translation.override("en"):
        urls += [item.get_absolute_url(), programme.get_absolute_url(), project.get_absolute_url()]
    return urls


def clients():
    anonymous = Client(raise_request_exception=False)
    yield "anonymous", anonymous
    for role in ("Editor", "Translator", "Publisher"):
        client = Client(raise_request_exception=False)
        client.force_login(user_in(role))
        yield role, client
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.create_superuser("root-user", password="x"))
    yield "Administrator", client


@pytest.mark.django_db
def test_no_malformed_request_gets_a_server_error_or_leaves_the_site(shipped_content):
    public = public_urls()
    corpus = [("anonymous", method, url) for url in public for method in METHODS]
    corpus += [("anonymous", "GET", url + query) for url in public for query in BAD_QUERIES]
    corpus += [("anonymous", "GET", path) for path in BAD_PATHS]
    admin = admin_paths()
    identities = dict(clients())
    corpus += [(who, "GET", path) for who in identities for path in admin]
    corpus += [(who, "GET", url + "?q=a%00b") for who in identities if who != "anonymous" for url in public[3:9]]
    assert len(corpus) >= 200

    warmed = set()
    failures, offsite, slow, statuses = [], [], [], {}
    for who, method, url in corpus:
        client = identities[who]
        page = (who, url.split("?")[0])
        with translation.override("en"):
            if page not in warmed:
                warmed.add(page)
                client.generic("GET", url)
            started, cpu_started = time.perf_counter(), time.process_time()
            response = client.generic(method, url)
            took, work = time.perf_counter() - started, time.process_time() - cpu_started
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            failures.append((who, method, url[:120], response.status_code))
        location = response.get("Location", "")
        if location and urlsplit(location).netloc not in {"", "testserver"}:
            offsite.append((who, method, url[:120], location))
        if work >= 1 or took >= 5:
            slow.append((who, method, url[:120], round(work, 2), round(took, 2)))
    print(f"{len(corpus)} requests; statuses: {dict(sorted(statuses.items()))}")
    assert failures == [], "\n".join(map(str, failures))
    assert offsite == []
    assert slow == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("/en/news/?q=a%00b", "Bad request"),
        ("/cs/aktuality/?q=%00", "Chybný požadavek"),
        ("/uk/novyny/?kind=news&q=x%00", "Некоректний запит"),
    ],
)
def test_a_nul_byte_in_a_search_is_a_bad_request_in_the_reader_s_language(client, site, path, text):
    response = client.get(path)
    assert response.status_code == 400
    assert text in response.content.decode()
