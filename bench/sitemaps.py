"""Size and build time of every sitemap document with 10,000 news items, as a crawler reads them.

Run with `.venv/bin/python bench/sitemaps.py [--items N]`. It builds a throwaway SQLite database
(migrations, the shipped content of data/ and N generated news items in three languages), then
asks for /sitemap.xml and, when that is an index, for every document it names, each from an empty
cache (a part: holding only what the index put there), so that the time is the time to build it.
It prints one line per document (bytes, URLs, milliseconds, SQL queries) and the largest and the
slowest. Not part of the test run.
"""

import argparse
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import environment, free_port  # noqa: E402


def prepare_database(items):
    import django
    from django.core.management import call_command

    django.setup()
    from testing.fake_content import add_news_items

    call_command("migrate", verbosity=0)
    call_command("import_content", str(ROOT / "data"), verbosity=0)
    for start in range(0, items, 2000):
        add_news_items(min(2000, items - start), start=start)


def build(client, path, after=None):
    """(response body, seconds, queries) of `path` built from an empty cache, or from a cache
    that holds only what the request for `after` put there."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    if after:
        client.get(after)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, f"{path} answers {response.status_code}"
    return response.content, elapsed, len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="generated news items (default 10,000)")
    options = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="iomcz-bench-") as folder:
        env = environment(Path(folder), free_port())
        os.environ.update(env)
        Path(env["STATIC_ROOT"]).mkdir()
        started = time.perf_counter()
        prepare_database(options.items)
        print(f"database ready in {time.perf_counter() - started:.0f} s: data/ plus {options.items:,} news items\n")

        from django.conf import settings
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        index, seconds, queries = build(client, "/sitemap.xml")
        documents = {"/sitemap.xml": (index, seconds, queries)}
        for location in re.findall(rb"<sitemap><loc>([^<]+)</loc>", index):
            path = location.decode().removeprefix(settings.SITE_URL).replace("&amp;", "&")
            documents[path] = build(client, path, after="/sitemap.xml")

        print(f"{'document':28} {'bytes':>10} {'URLs':>6} {'ms':>8} {'queries':>7}")
        for path, (body, seconds, queries) in documents.items():
            print(f"{path:28} {len(body):10,} {body.count(b'<url>'):6,} {seconds * 1000:8.1f} {queries:7}")
        largest = max(documents, key=lambda path: len(documents[path][0]))
        slowest = max(documents, key=lambda path: documents[path][1])
        print(f"\n{len(documents)} documents; largest {largest} ({len(documents[largest][0]):,} bytes);")
        print(f"slowest {slowest} ({documents[slowest][1] * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
