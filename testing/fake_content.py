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


def add_news_items(count, start=0, batch_size=500):
    """Add `count` published news items available in every language, each tied to every programme.

    bulk_create skips save() and its signals, so the slugs and the search text that save() would
    make are set here and the public cache is told; numbering from `start` keeps slugs unique across calls.
    """
    now = timezone.now()
    items = []
    for n in range(start, start + count):
        item = NewsItem(
            key=f"generated-{n}",
            kind=KINDS[n % len(KINDS)],
            status=Status.PUBLISHED,
            published_at=now - datetime.timedelta(days=3 + n),
        )
        for code in LANGUAGE_CODES:
            title = TITLES[code].format(n=n)
            lead = LEADS[code]
            body = BODY.format(lead=lead)
            setattr(item, f"title_{code}", title)
            setattr(item, f"slug_{code}", f"generated-{code}-{n}")
            setattr(item, f"lead_{code}", lead)
            setattr(item, f"body_{code}", body)
            setattr(item, f"search_text_{code}", search_key(f"{title} {lead} {body}"))
        items.append(item)
    created = NewsItem.objects.bulk_create(items, batch_size=batch_size)
    programme_ids = list(Programme.objects.values_list("pk", flat=True))
    links = [
        NewsItem.programmes.through(newsitem_id=item.pk, programme_id=programme_id)
        for item in created
        for programme_id in programme_ids
    ]
    NewsItem.programmes.through.objects.bulk_create(links, batch_size=batch_size)
    content_changed()
    return created
