"""Requests per second of every public page type with 10,000 news items, as a ratio to a trivial view.

Run with `.venv/bin/python bench/pages.py [--items N] [--requests N] [--seconds S] [--page-cache M]
[--uncached] [--database-url URL]`.
It builds a throwaway SQLite database (migrations, the shipped content of data/ and N generated
news items in three languages), serves it with gunicorn and the production settings (DEBUG off)
on a free loopback port, sends a bounded number of requests to each page from a few client
threads, prints one line per page and stops the server. The trivial view is served by the same
server in the same run, so the ratios hold across machines better than the raw figures. Not part
of the test run.

`--uncached` serves with Django's dummy cache, so that nothing at all is kept (not even the parts
the public cache keeps), as on the first view after a change. `--database-url` fills an existing,
empty PostgreSQL database instead of the SQLite file (it is left filled; drop it afterwards).

`--page-cache on` (the default) serves the pages as production does, from the whole-page cache
after the first request; `off` runs without it (every request renders its page, as on a cache
miss); `both` serves the same database twice, without the cache then with it, and prints both.
The trivial view is asked with a session cookie, so that it runs in every mode (a request with
that cookie never reaches the page cache).
"""

import argparse
import http.client
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TRIVIAL = "/bench/trivial/"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(folder, port, database_url="", uncached=False):
    """The production settings, pointed at a throwaway database and plain HTTP on loopback."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    if database_url:
        env["DATABASE_URL"] = database_url
    if uncached:
        env["BENCH_UNCACHED"] = "true"
    return env | {
        "DJANGO_SETTINGS_MODULE": "bench.pages_settings",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "SQLITE_PATH": str(folder / "bench.sqlite3"),
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        "LOG_LEVEL": "ERROR",
    }


def prepare_database(items):
    """Migrate, import data/, collect the static files and add `items` generated news items."""
    import django
    from django.core.management import call_command

    django.setup()
    from django.db import connection

    from testing.fake_content import add_news_items

    call_command("migrate", verbosity=0)
    call_command("import_content", str(ROOT / "data"), verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    for start in range(0, items, 2000):
        add_news_items(min(2000, items - start), start=start)
    # Statistics and (on PostgreSQL) the visibility map, as autovacuum leaves them after a bulk load.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def page_paths():
    """One path per public page type, in English (the source language)."""
    from news.tests.test_queries import page_urls

    urls = page_urls("en")
    news_list = urls["news list"]
    return {
        "trivial view": TRIVIAL,
        **urls,
        "news list, page 500": f"{news_list}?page=500",
        "news list, searched (rare word)": f"{news_list}?q=anniversary",
        "news list, searched (every item)": f"{news_list}?q=sladkova",
    }


def fetch(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    headers = {"Host": "127.0.0.1"}
    if path == TRIVIAL:
        headers["Cookie"] = "sessionid=bench"
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def wait_until_serving(port, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped with exit code {server.returncode}")
        try:
            if fetch(port, TRIVIAL) == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer on 127.0.0.1:{port} within {seconds} s")


def requests_per_second(port, path, requests, seconds, threads):
    """Completed requests per second: at most `requests` requests, stopping after `seconds`."""
    fetch(port, path)
    lock = threading.Lock()
    sent = 0
    failures = []
    deadline = time.perf_counter() + seconds

    def client():
        nonlocal sent
        while True:
            with lock:
                if sent >= requests or time.perf_counter() > deadline:
                    return
                sent += 1
            try:
                status = fetch(port, path)
            except OSError as error:
                status = type(error).__name__
            if status != 200:
                failures.append(status)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    elapsed = time.perf_counter() - started
    return sent / elapsed, sent, failures


def serve_and_measure(env, port, paths, options):
    """{page: (req/s, requests, failures)} of one gunicorn serving `paths`, trivial view first and last."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "iomcz.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(options.workers),
            "--timeout",
            "300",
            "--log-level",
            "warning",
            "--chdir",
            str(ROOT),
        ],
        env=env,
    )
    try:
        wait_until_serving(port, server)
        results = {}
        for page, path in [*paths.items(), ("trivial view, again", TRIVIAL)]:
            results[page] = requests_per_second(port, path, options.requests, options.seconds, options.threads)
        return results
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def ratios(results):
    """Each page's req/s divided by the trivial view's (the mean of its first and last run, which
    evens out a machine that got busier)."""
    trivial = (results["trivial view"][0] + results["trivial view, again"][0]) / 2
    return {page: rate / trivial for page, (rate, _sent, _failures) in results.items()}


def print_results(title, results):
    print(f"\n{title}\n{'page':34} {'requests':>8} {'req/s':>9} {'ratio':>7}")
    for page, ratio in ratios(results).items():
        rate, sent, failures = results[page]
        failed = f"  {len(failures)} failed: {sorted(set(map(str, failures)))}" if failures else ""
        print(f"{page:34} {sent:8d} {rate:9.1f} {ratio:7.3f}{failed}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000, help="generated news items (default 10,000)")
    parser.add_argument("--requests", type=int, default=400, help="most requests per page (default 400)")
    parser.add_argument("--seconds", type=float, default=15, help="most seconds per page (default 15)")
    parser.add_argument("--threads", type=int, default=4, help="client threads (default 4)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument(
        "--page-cache", choices=("on", "off", "both"), default="on", help="serve from the page cache (default on)"
    )
    parser.add_argument("--uncached", action="store_true", help="serve with the dummy cache: nothing is kept")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database to fill instead of SQLite")
    options = parser.parse_args()
    # A plain `kill` still stops gunicorn and removes the throwaway database.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    with tempfile.TemporaryDirectory(prefix="iomcz-bench-") as folder:
        port = free_port()
        env = environment(Path(folder), port, options.database_url, options.uncached)
        os.environ.update(env)
        started = time.perf_counter()
        prepare_database(options.items)
        paths = page_paths()
        print(f"database ready in {time.perf_counter() - started:.0f} s: data/ plus {options.items:,} news items")
        print(
            f"gunicorn, {options.workers} workers; {options.threads} client threads; "
            f"at most {options.requests} requests or {options.seconds:g} s per page"
        )
        modes = ("off", "on") if options.page_cache == "both" else (options.page_cache,)
        results = {}
        for mode in modes:
            results[mode] = serve_and_measure(env | {"BENCH_PAGE_CACHE": mode}, port, paths, options)
            print_results(f"page cache {mode}", results[mode])
        if len(modes) == 2:
            off, on = ratios(results["off"]), ratios(results["on"])
            print(f"\n{'page':34} {'ratio off':>9} {'ratio on':>9} {'on / off':>9}")
            for page in paths:
                print(f"{page:34} {off[page]:9.3f} {on[page]:9.3f} {on[page] / off[page]:9.1f}")


if __name__ == "__main__":
    main()
