"""At 10,000 news items, every SQL statement of the public pages reads the news table through an index.

Each page's statements are captured with their parameters while a reader's request runs them with
an empty cache (the first view after a change), then explained with the same parameters, since
SQLite plans a partial index differently when a value of its condition is a parameter. On
PostgreSQL no plan may hold a `Seq Scan` on news_newsitem. SQLite's planner has no sequential-scan
costing to compare, so what is asked of it is what its plans can show: no `SCAN` of the news table
that uses no index.

The items are built once for the module and committed, because PostgreSQL only chooses index-only
scans once VACUUM (which cannot run inside a transaction) has written the visibility map, as
autovacuum does after a bulk load in production; the module empties the database afterwards, as
a transactional test does.
"""

import json
import re

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from core.i18n import LANGUAGE_CODES
from news.models import NewsItem
from news.views import NewsListView
from programmes.models import Programme, Project
from testing.fake_content import add_news_items

ITEMS = 10_000
NEWS_TABLE = "news_newsitem"
POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture(scope="module")
def ten_thousand_news(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("import_content", str(settings.BASE_DIR / "data"), verbosity=0)
        # One programme per item is enough for the plans; linking all nine triples the build time.
        add_news_items(ITEMS, programmes=Programme.objects.order_by("pk")[:1])
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if POSTGRESQL else "ANALYZE")
        yield
        call_command("flush", interactive=False, verbosity=0)


def page_urls(code):
    """{page: URL} of every page whose statements must use an index, in language `code`."""
    with translation.override(code):
        news = NewsItem.objects.visible_in(code).latest_first()
        # An item in the middle has neighbours on both sides and a year full of other items.
        item = news[ITEMS // 2]
        news_list = reverse("news:list")
        return {
            "home": reverse("home"),
            "news list": news_list,
            "news list, page 2": f"{news_list}?page=2",
            "news list, page 500": f"{news_list}?page=500",
            "news list, one kind": f"{news_list}?kind={NewsItem.Kind.PRESS_RELEASE}",
            "news list, one year": f"{news_list}?year={timezone.localtime(item.published_at).year}",
            "news item": item.get_absolute_url(),
            "history": reverse("history:timeline"),
            "programmes list": reverse("programmes:list"),
            "programme": Programme.objects.visible_in(code).filter(projects__isnull=False).first().get_absolute_url(),
            "project": Project.objects.visible_in(code).first().get_absolute_url(),
        }


def statements(client, url, code):
    """The SELECT statements, with their parameters, that reading `url` runs with an empty cache."""
    captured = []

    def capture(execute, sql, params, many, context):
        if sql.startswith("SELECT"):
            captured.append((sql, params))
        return execute(sql, params, many, context)

    cache.clear()
    with translation.override(code), connection.execute_wrapper(capture):
        response = client.get(url)
    assert response.status_code == 200, f"{url} answers {response.status_code}"
    return captured


def explain(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(("EXPLAIN " if POSTGRESQL else "EXPLAIN QUERY PLAN ") + sql, params)
        rows = cursor.fetchall()
    return "\n".join(row[0] if POSTGRESQL else row[3] for row in rows)


def reads_whole_news_table(sql, plan):
    """Whether `plan` reads every row of the news table, under its name or one of the statement's aliases."""
    if POSTGRESQL:
        return re.search(rf"Seq Scan on {NEWS_TABLE}\b", plan) is not None
    names = {NEWS_TABLE, *re.findall(rf'"{NEWS_TABLE}" (\w+)', sql)}
    return any(re.fullmatch(r"SCAN (\w+)", line.strip()) and line.split()[1] in names for line in plan.splitlines())


@pytest.mark.django_db
@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_every_statement_of_the_public_pages_reads_the_news_table_through_an_index(client, ten_thousand_news, code):
    whole_table_reads = []
    for page, url in page_urls(code).items():
        for sql, params in statements(client, url, code):
            plan = explain(sql, params)
            if reads_whole_news_table(sql, plan):
                whole_table_reads.append(f"{page} ({url}) runs\n  {sql}\n  with {params}\nas\n{plan}")
    assert whole_table_reads == [], "\n\n".join(whole_table_reads)


def news_rows_read(sql, params):
    """How many rows of the news table PostgreSQL reads to answer `sql` (index entries are not rows)."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, params)
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def rows(node):
        read = 0
        if node.get("Relation Name") == NEWS_TABLE:
            if node["Node Type"] == "Index Only Scan":
                read = node.get("Heap Fetches", 0)
            else:
                read = (node["Actual Rows"] + node.get("Rows Removed by Filter", 0)) * node["Actual Loops"]
        return read + sum(rows(child) for child in node.get("Plans", []))

    return rows(plan[0]["Plan"])


def items_statement(client, url):
    """The statement (with its parameters) that reads the rows a news list page shows."""
    return next(
        (sql, params)
        for sql, params in statements(client, url, "en")
        if f'"{NEWS_TABLE}"."lead_en"' in sql.split(" FROM ")[0]
    )


@pytest.mark.django_db
def test_page_500_of_the_news_list_costs_at_most_twice_page_2(client, ten_thousand_news):
    """The OFFSET of a deep page skips index entries, not rows: page 500 reads about what page 2 reads."""
    urls = page_urls("en")
    if POSTGRESQL:
        page_2, page_500 = (
            sum(news_rows_read(sql, params) for sql, params in statements(client, urls[page], "en"))
            for page in ("news list, page 2", "news list, page 500")
        )
        assert page_500 <= 2 * page_2, f"page 500 reads {page_500} rows of the news table, page 2 {page_2}"
    else:
        # SQLite (3.40) reads each skipped row anyway, to check the language's columns of the
        # index's own condition, which it does not take as covered by a partial index; what its
        # plans show is that the OFFSET runs in the list's index and the page's rows come by key.
        plan = explain(*items_statement(client, urls["news list, page 500"]))
        assert f"SEARCH {NEWS_TABLE} USING INTEGER PRIMARY KEY" in plan, plan
        assert "USING INDEX newsitem_list_en" in plan, plan
    cache.clear()  # the page as rendered, not as the page cache stored it above
    with translation.override("en"):
        response = client.get(urls["news list, page 500"])
    assert len(response.context["object_list"]) == NewsListView.paginate_by
