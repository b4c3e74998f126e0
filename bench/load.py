"""Each public page under load on the production stack, as a ratio to a trivial view of the same servers.

Run with `.venv/bin/python bench/load.py [--seconds S] [--items N] [--pages NAME,…] [--json FILE]`
(wrk must be installed: `make bench-deps`). It starts the stack of deploy/localstack.py (nginx, two
gunicorn app servers with the production settings, a throwaway PostgreSQL and Redis, the shipped
content) with bench/load_settings.py, which adds the trivial view at /bench/trivial/, adds N
generated news items and runs VACUUM ANALYZE, as autovacuum would after such an insert (without it,
PostgreSQL cannot count the list from its index alone). Then it measures every page with wrk (32 connections, two
threads) through nginx and directly to app server A, in two modes:

- cached: the production caches in Redis, warmed by a few requests before the measurement;
- uncached: both app servers restarted with Django's dummy cache (BENCH_CACHE=off), so every
  request computes its whole page, as the first one after a content change does.

The trivial view is measured first and last in each mode and way in; every page's rate and p99 are
divided by their mean, so the ratios compare pages with the same servers under the same load of the
machine. Not part of the test run.
"""

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.localstack import LocalStack  # noqa: E402

TRIVIAL = "/bench/trivial/"
MODES = {"cached": {"BENCH_CACHE": "on"}, "uncached": {"BENCH_CACHE": "off"}}
WAYS_IN = ("app-a", "nginx")
CONNECTIONS = 32
THREADS = 2
WARM_UP_REQUESTS = 3
# The targets, as ratios to the trivial view: (least req/s, most p99) per mode.
TARGETS = {"cached": (0.85, 2.0), "uncached": (0.25, None)}
# The pages also measured in Czech; every page is measured in English.
CZECH_PAGES = ("home", "news list", "news search", "news item")
UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def build_database(stack, items):
    """Add `items` generated news items to the stack's database, then VACUUM ANALYZE it."""
    os.environ.update(stack.environment(DB_STATEMENT_TIMEOUT="0", DB_IDLE_IN_TRANSACTION_TIMEOUT="0"))
    import django

    django.setup()
    from django.db import connection

    from testing.fake_content import add_news_items

    for start in range(0, items, 2000):
        add_news_items(min(2000, items - start), start=start)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
        # Write the load's dirty pages out now, not in a checkpoint during the first measurements.
        cursor.execute("CHECKPOINT")


def public_pages():
    """[(page, language, path)] for every public page type; sitemaps and robots.txt have no language."""
    from django.db import connection

    from news.tests.test_queries import page_urls

    pages = []
    for code in ("en", "cs"):
        urls = page_urls(code)
        news_list = urls["news list"]
        filtered = urllib.parse.urlsplit(urls["news list filtered and searched"])
        filters = [(name, value) for name, value in urllib.parse.parse_qsl(filtered.query) if name != "q"]
        paths = {
            "home": urls["home"],
            "news list": news_list,
            "news list page 2": f"{news_list}?page=2",
            "news list page 500": f"{news_list}?page=500",
            "news filtered": f"{news_list}?{urllib.parse.urlencode(filters)}",
            "news search": f"{news_list}?q=sladkova",
            "news item": urls["news item"],
            "history": urls["history"],
            "programmes list": urls["programmes list"],
            "programme": urls["programme"],
            "project": urls["project"],
            "RSS feed": urls["RSS feed"],
            "Atom feed": urls["Atom feed"],
        }
        pages += [(page, code, path) for page, path in paths.items() if code == "en" or page in CZECH_PAGES]
    en = page_urls("en")
    pages += [
        ("sitemap index", "-", en["sitemap index"]),
        ("news sitemap", "-", en["news sitemap"]),
        ("robots.txt", "-", "/robots.txt"),
    ]
    connection.close()
    return pages


def warm_up(url, requests):
    """Fetch `url` a few times; the last status, or the error that stopped it."""
    status = None
    for _ in range(requests):
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError as error:
            return type(error).__name__
    return status


def milliseconds(text):
    number, unit = re.fullmatch(r"([0-9.]+)([a-z]+)", text).groups()
    return float(number) * UNITS[unit]


def run_wrk(url, seconds):
    """Requests per second, p50 and p99 in ms, and the answers that were not 2xx or 3xx or failed."""
    command = ["wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--latency", "--timeout", "30s", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"^Requests/sec:\s+([0-9.]+)", output, re.M).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.M))
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "rate": rate,
        "p50": milliseconds(latency["50"]),
        "p99": milliseconds(latency["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx_3xx": int(bad.group(1)) if bad else 0,
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
    }


def verdict(mode, ratio, p99_ratio):
    least_rate, most_p99 = TARGETS[mode]
    missed = ratio < least_rate or (most_p99 is not None and p99_ratio > most_p99)
    return "MISS" if missed else "ok"


def measure(stack, mode, way_in, pages, seconds):
    """The rows of one mode and way in: the trivial view first and last, the pages in between."""
    base = stack.urls[way_in]
    before = run_wrk(base + TRIVIAL, seconds)
    measured = []
    for page, code, path in pages:
        status = warm_up(base + path, WARM_UP_REQUESTS if mode == "cached" else 1)
        measured.append((page, code, path, status, run_wrk(base + path, seconds)))
    after = run_wrk(base + TRIVIAL, seconds)
    trivial_rate = (before["rate"] + after["rate"]) / 2
    trivial_p99 = (before["p99"] + after["p99"]) / 2
    rows = [
        {"page": "trivial view, first", "language": "-", "path": TRIVIAL, "status": 200, **before},
        {"page": "trivial view, last", "language": "-", "path": TRIVIAL, "status": 200, **after},
    ]
    for page, code, path, status, result in measured:
        rows.append({"page": page, "language": code, "path": path, "status": status, **result})
    for row in rows:
        row |= {"mode": mode, "via": way_in}
        row["ratio"] = row["rate"] / trivial_rate
        row["p99_ratio"] = row["p99"] / trivial_p99
        row["target"] = "" if row["page"].startswith("trivial") else verdict(mode, row["ratio"], row["p99_ratio"])
    return rows


HEADER = (
    f"{'page':22} {'lang':4} {'mode':8} {'via':5} {'reqs':>6} {'req/s':>8} {'ratio':>6} "
    f"{'p50 ms':>8} {'p99 ms':>8} {'p99 ×':>6} {'target':6} errors"
)


def format_row(row):
    problems = []
    if row["status"] != 200:
        problems.append(f"warm-up answered {row['status']}")
    if row["non_2xx_3xx"]:
        problems.append(f"{row['non_2xx_3xx']} of {row['requests']} not 2xx/3xx")
    if row["socket_errors"]:
        problems.append(f"{row['socket_errors']} socket errors")
    return (
        f"{row['page']:22} {row['language']:4} {row['mode']:8} {row['via']:5} {row['requests']:6d} {row['rate']:8.1f} "
        f"{row['ratio']:6.3f} {row['p50']:8.1f} {row['p99']:8.1f} {row['p99_ratio']:6.1f} {row['target']:6} "
        + ("; ".join(problems) or "-")
    )


def require_wrk():
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: `make bench-deps` installs Debian's wrk (apt-get, as root).")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=5, help="seconds of wrk per page (default 5)")
    parser.add_argument("--items", type=int, default=10_000, help="generated news items (default 10,000)")
    parser.add_argument("--pages", help="comma-separated page names to measure (default all), e.g. 'home,news item'")
    parser.add_argument("--modes", default="cached,uncached", help="cached, uncached or both (default both)")
    parser.add_argument("--via", default=",".join(WAYS_IN), help="app-a, nginx or both (default both)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per app server (default 2)")
    parser.add_argument("--json", type=Path, help="also write every row and the run's conditions to this file")
    options = parser.parse_args()
    modes = options.modes.split(",")
    ways_in = options.via.split(",")
    if not set(modes) <= set(MODES) or not set(ways_in) <= set(WAYS_IN):
        parser.error(f"modes are {', '.join(MODES)}; ways in are {', '.join(WAYS_IN)}")
    require_wrk()
    # A plain `kill` still stops the stack and removes its folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))

    folder = Path(tempfile.mkdtemp(prefix="iomcz-loadbench-"))
    # nginx's workers and PostgreSQL run as other users and must be able to enter it.
    folder.chmod(0o755)
    started = time.monotonic()
    rows = []
    try:
        with LocalStack(
            folder, free_ports=True, workers=options.workers, settings_module="bench.load_settings"
        ) as stack:
            build_database(stack, options.items)
            pages = public_pages()
            if options.pages:
                wanted = {name.strip() for name in options.pages.split(",")}
                unknown = wanted - {page for page, _code, _path in pages}
                if unknown:
                    parser.error(f"unknown pages: {', '.join(sorted(unknown))}")
                pages = [entry for entry in pages if entry[0] in wanted]
            print(
                f"stack and database ready in {time.monotonic() - started:.0f} s: data/ plus {options.items:,} "
                f"news items; {options.workers} gunicorn workers per app server; wrk -t{THREADS} "
                f"-c{CONNECTIONS} -d{options.seconds}s; load average {os.getloadavg()[0]:.2f} "
                f"on {os.cpu_count()} cores\n"
            )
            print(HEADER, flush=True)
            environment = MODES["cached"]
            for mode in modes:
                if MODES[mode] != environment:
                    environment = MODES[mode]
                    stack.restart_app_servers(**environment)
                for way_in in ways_in:
                    for row in measure(stack, mode, way_in, pages, options.seconds):
                        rows.append(row)
                        print(format_row(row), flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    load = os.getloadavg()
    print(f"\nload average at the end {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {time.monotonic() - started:.0f} s")
    if options.json:
        conditions = {"items": options.items, "seconds": options.seconds, "workers": options.workers}
        conditions |= {"connections": CONNECTIONS, "threads": THREADS, "load_average_at_end": load}
        options.json.write_text(json.dumps({"conditions": conditions, "rows": rows}, indent=2) + "\n")


if __name__ == "__main__":
    main()
