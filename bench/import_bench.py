"""Import speed and memory: 10,000 news items in three languages into an empty database, twice.

Run with `.venv/bin/python bench/import_bench.py [--items N]`. It uses its own SQLite file (or
the database in DATABASE_URL, which it empties first) and prints the figures of the first
import and of a second, unchanged import of the same file, then the time of a plain
`bulk_create` of the same rows into the emptied table (no reading, checking, revisions or
translation sources) and the first import's ratio to it.
"""

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def write_items(path, count):
    """A content file of `count` news items, written record by record."""
    with path.open("w", encoding="utf-8") as out:
        out.write('{"format": "iomcz-content", "version": 1, "records": [\n')
        for n in range(count):
            record = {
                "model": "news.newsitem",
                "key": f"bench-{n:05d}",
                "title": {
                    "en": f"Migration news number {n}",
                    "cs": f"Zpráva o migraci číslo {n}",
                    "uk": f"Новина про міграцію номер {n}",
                },
                "lead": {
                    "en": "IOM Czechia supports migrants and the communities that receive them.",
                    "cs": "IOM Česko podporuje migranty a obce, které je přijímají.",
                    "uk": "МОМ у Чехії підтримує мігрантів і громади, які їх приймають.",
                },
                "body": {
                    "en": "<p>" + "Assisted voluntary return and reintegration. " * 12 + "</p>",
                    "cs": "<p>" + "Asistované dobrovolné návraty a reintegrace. " * 12 + "</p>",
                    "uk": "<p>" + "Сприяння добровільному поверненню та реінтеграції. " * 12 + "</p>",
                },
                "kind": "news",
                "status": "published",
                "published_at": f"2023-{1 + n % 12:02d}-{1 + n % 28:02d}T10:00:00+01:00",
            }
            out.write(("," if n else "") + json.dumps(record, ensure_ascii=False) + "\n")
        out.write("]}\n")


def timed_import(path):
    """Wall-clock and CPU seconds taken, and the process's peak resident memory so far (bytes)."""
    from django.core.management import call_command

    started, cpu = time.perf_counter(), time.process_time()
    call_command("import_content", str(path), verbosity=0)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    return seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def plain_bulk_create(path):
    """Seconds a bare `bulk_create` of the file's items takes, their instances made beforehand."""
    from news.models import NewsItem

    records = json.loads(path.read_text(encoding="utf-8"))["records"]
    items = []
    for record in records:
        values = {f"{name}_{code}": text for name in ("title", "lead", "body") for code, text in record[name].items()}
        slugs = {f"slug_{code}": f"{record['key']}-{code}" for code in record["title"]}
        items.append(
            NewsItem(
                key=record["key"],
                kind=record["kind"],
                status=record["status"],
                published_at=record["published_at"],
                **values,
                **slugs,
            )
        )
    NewsItem.objects.all().delete()
    started = time.perf_counter()
    NewsItem.objects.bulk_create(items)
    return time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="iomcz-bench-"))
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = str(folder / "bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iomcz.settings.dev")

    import django

    django.setup()
    from django.conf import settings

    settings.DEBUG = False  # no query log: measure the import, not the development settings
    from django.core.management import call_command

    from news.models import NewsItem

    call_command("migrate", verbosity=0)
    NewsItem.objects.all().delete()
    path = folder / "news.json"
    write_items(path, args.items)
    print(f"{args.items} items, {path.stat().st_size / 1e6:.1f} MB file")
    first = timed_import(path)
    second = timed_import(path)
    assert NewsItem.objects.count() == args.items
    assert NewsItem.history.filter(history_type="+").count() == args.items
    NewsItem.history.all().delete()
    plain = plain_bulk_create(path)
    print(
        " | ".join(
            f"{label}: {seconds:.2f} s ({cpu:.2f} s CPU), {args.items / seconds:,.0f} items/s, "
            f"peak RSS {peak / 1e6:.0f} MB"
            for label, (seconds, cpu, peak) in (("first import", first), ("second import", second))
        )
    )
    print(
        f"plain bulk_create of the same rows: {plain:.2f} s; first import / plain bulk_create: {first[0] / plain:.1f}x"
    )


if __name__ == "__main__":
    main()
