"""Generated news items in bulk, for the query-count and page-size tests and for bench/pages.py."""

import datetime

from django.utils import timezone

from core.i18n import LANGUAGE_CODES
from core.models import Status
from core.public_cache import content_changed
from core.text import search_key
from news.models import NewsItem
from programmes.models import Programme

TITLES = {
    "en": "Generated news item {n}: Sládková meets Petr Čáp about labour migration",
    "cs": "Vygenerovaná zpráva {n}: Sládková jedná s Petrem Čápem o pracovní migraci",
    "uk": "Згенерована новина {n}: Сладкова зустрічається з Петром Чапом щодо трудової міграції",
}
LEADS = {
    "en": "A generated lead of a realistic length, so that list pages weigh what they will weigh "
    "with real content: who met whom, where and why it matters for migrants in Czechia.",
    "cs": "Vygenerovaný perex realistické délky, aby stránky se seznamy vážily tolik, kolik budou "
    "vážit se skutečným obsahem: kdo se s kým setkal, kde a proč je to důležité pro migranty.",
    "uk": "Згенерований лід реалістичної довжини, щоб сторінки зі списками важили стільки, скільки "
    "важитимуть зі справжнім вмістом: хто з ким зустрівся, де і чому це важливо для мігрантів.",
}
BODY = "<p>{lead}</p>" * 6
KINDS = [kind for kind, _label in NewsItem.Kind.choices]


def add_news_items(count, start=0, batch_size=500, programmes=None):
    """Add `count` published news items available in every language, each tied to every programme
    (or to the given `programmes`, when linking every one would cost more than the test needs).

    bulk_create skips save() and its signals, so the slugs and the search text that save() would
    make are set here and the public cache is told; numbering from `start` keeps slugs unique across calls.
    """
    now = timezone.now()
    # Every translated column is given, so that the model's constructor never works out a
    # default per language (most of the time of a large batch); the search text of the lead and
    # body, the same in every item, is folded once per language.
    empty = {f"{field}_{code}": None for field in ("image_alt", "image_caption") for code in LANGUAGE_CODES}
    folded = {code: search_key(f"{LEADS[code]} {BODY.format(lead=LEADS[code])}") for code in LANGUAGE_CODES}
    items = []
    for n in range(start, start + count):
        columns = dict(empty)
        for code in LANGUAGE_CODES:
            title = TITLES[code].format(n=n)
            columns |= {
                f"title_{code}": title,
                f"slug_{code}": f"generated-{code}-{n}",
                f"lead_{code}": LEADS[code],
                f"body_{code}": BODY.format(lead=LEADS[code]),
                f"search_text_{code}": f"{search_key(title)} {folded[code]}",
            }
        items.append(
            NewsItem(
                key=f"generated-{n}",
                kind=KINDS[n % len(KINDS)],
                status=Status.PUBLISHED,
                published_at=now - datetime.timedelta(days=3 + n),
                **columns,
            )
        )
    created = NewsItem.objects.bulk_create(items, batch_size=batch_size)
    if programmes is None:
        programmes = Programme.objects.all()
    programme_ids = [programme.pk for programme in programmes]
    links = [
        NewsItem.programmes.through(newsitem_id=item.pk, programme_id=programme_id)
        for item in created
        for programme_id in programme_ids
    ]
    NewsItem.programmes.through.objects.bulk_create(links, batch_size=batch_size)
    content_changed()
    return created
