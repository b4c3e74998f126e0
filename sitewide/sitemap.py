"""The sitemaps: /sitemap.xml is an index of one sitemap per section, and per part of a big one.

The section pages (home, news list, history, programmes list) make one sitemap; news items,
programmes and projects make one per part of SITEMAP_ITEMS_PER_PART items. A part holds the
items whose primary key falls in its range: an item stays in its part as others are added or
removed, building a part reads only its own rows through the primary key, and one grouped
query finds every part that lists something, with its newest change, for the index.

Each page's URL in each of its languages is listed with hreflang alternates naming every
language the page exists in; the XML is written directly rather than through a template. x-default
points to the page in the source language (or the first language the page has): Django's own
sitemap x-default strips the language prefix, which here leads to a redirect.
"""

import operator
from dataclasses import dataclass
from functools import reduce
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.db.models import BooleanField, ExpressionWrapper, F, Max, Value
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation

from core.i18n import LANGUAGE_CODES, absolute, view_urls, x_default_language
from core.page_cache import language_neutral
from core.public_cache import cached
from core.views import read_only
from history.models import Director, KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Programme, Project

PAGES = "pages"
ITEM_SECTIONS = {"news": NewsItem, "programmes": Programme, "projects": Project}
# Each section page with the models it shows: its lastmod is their newest visible change.
SECTION_PAGES = {
    "home": (NewsItem, Programme, KeyFigure, Milestone),
    "news:list": (NewsItem,),
    "history:timeline": (Milestone, Director, KeyFigure),
    "programmes:list": (Programme,),
}
# The models whose scheduled items change what the sitemaps list when they go live.
SCHEDULED_MODELS = (NewsItem, Programme, Project, Milestone)
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
SITEMAPINDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
CONTENT_TYPE = "application/xml; charset=utf-8"


@dataclass
class Page:
    """One public page in the languages it exists in: {language: absolute URL}."""

    urls: dict
    lastmod: object = None

    def entries(self):
        """One <url> element per language, each naming every language and x-default."""
        links = [(code, url) for code, url in self.urls.items()]
        links.append(("x-default", self.urls[x_default_language(self.urls)]))
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(url)}/>' for code, url in links
        )
        lastmod = f"<lastmod>{timezone.localdate(self.lastmod).isoformat()}</lastmod>" if self.lastmod else ""
        return [f"<url><loc>{escape(url)}</loc>{lastmod}{alternates}</url>" for url in self.urls.values()]


@dataclass
class Listing:
    """What the index names: {section: {part number: newest change}}, and {model label: newest change}."""

    parts: dict
    newest: dict


def newest_of(moments):
    return max((moment for moment in moments if moment), default=None)


def visibility_anywhere(model):
    """The condition under which an item is visible in at least one language."""
    items = model.objects.all()
    return reduce(operator.or_, (items.visibility(code) for code in LANGUAGE_CODES))


# The largest primary key a BigAutoField holds, on PostgreSQL and SQLite alike.
LARGEST_KEY = 2**63 - 1


def part_bounds(number):
    """The primary keys part `number` holds: the first and the last, inclusive."""
    size = settings.SITEMAP_ITEMS_PER_PART
    return (number - 1) * size + 1, min(number * size, LARGEST_KEY)


def part_number(pk):
    """The part that lists the item with primary key `pk`."""
    return (pk - 1) // settings.SITEMAP_ITEMS_PER_PART + 1


def newest_changes(model, part):
    """Rows of (model label, part, newest change) of the visible items of `model`, one per part."""
    return (
        model.objects.filter(visibility_anywhere(model))
        .annotate(model_label=Value(model._meta.label), part=part)
        .values("model_label", "part")
        .annotate(lastmod=Max("updated"))
        .order_by()
    )


def build_listing():
    """The listing from one query: the newest change per part of each item section, and per
    model of those only the history page shows (part 0)."""
    in_parts = (F("pk") - 1) / settings.SITEMAP_ITEMS_PER_PART + 1
    queries = [newest_changes(model, in_parts) for model in ITEM_SECTIONS.values()]
    queries += [newest_changes(model, Value(0)) for model in (Milestone, KeyFigure, Director)]
    sections = {model._meta.label: section for section, model in ITEM_SECTIONS.items()}
    parts = {section: {} for section in ITEM_SECTIONS}
    newest = {}
    for row in sorted(queries[0].union(*queries[1:], all=True), key=operator.itemgetter("part")):
        if row["model_label"] in sections:
            parts[sections[row["model_label"]]][row["part"]] = row["lastmod"]
        newest[row["model_label"]] = newest_of([newest.get(row["model_label"]), row["lastmod"]])
    section_pages_newest = newest_of(
        newest.get(model._meta.label) for models in SECTION_PAGES.values() for model in models
    )
    return Listing({PAGES: {1: section_pages_newest}, **parts}, newest)


def cache_name(document):
    """A cache entry's name: the documents depend on the site's origin, languages and part size."""
    return f"sitemap:{document}:{settings.SITE_URL}:{','.join(LANGUAGE_CODES)}:{settings.SITEMAP_ITEMS_PER_PART}"


def listing():
    return cached(cache_name("listing"), build_listing, SCHEDULED_MODELS)


def section_pages(newest):
    """The pages that exist in every language: home, the news list, history, programmes."""
    for name, models in SECTION_PAGES.items():
        urls = {code: absolute(path) for code, path in view_urls(name).items()}
        yield Page(urls, newest_of(newest.get(model._meta.label) for model in models))


SLUG_MARK = "slug-mark"


def path_pattern(model, code):
    """The item path in language `code` split around its slug: get_absolute_url() once, not per item."""
    with translation.override(code):
        return model(**{f"slug_{code}": SLUG_MARK}).get_absolute_url().split(SLUG_MARK)


def item_pages(model, number):
    """The items of part `number` in the languages the public sees them in, reading only slugs and dates.

    Visibility comes from the database as one boolean per language, computed by the same
    condition as `visible_in()`; no model instance is made. The query filters on the primary key
    alone, so that the database reads the part's rows only, rather than every visible row
    through the per-language indexes, and an item seen in no language is left out here.
    """
    items = model.objects.all()
    flags = {
        f"in_{code}": ExpressionWrapper(items.visibility(code), output_field=BooleanField()) for code in LANGUAGE_CODES
    }
    slugs = [f"slug_{code}" for code in LANGUAGE_CODES]
    rows = (
        items.filter(pk__range=part_bounds(number)).annotate(**flags).order_by("pk").values("updated", *slugs, *flags)
    )
    patterns = {code: path_pattern(model, code) for code in LANGUAGE_CODES}
    for row in rows:
        urls = {
            code: absolute(row[f"slug_{code}"].join(patterns[code])) for code in LANGUAGE_CODES if row[f"in_{code}"]
        }
        if urls:
            yield Page(urls, row["updated"])


def xml_text(lines):
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', *lines])


def part_text(section, number):
    """Part `number` of `section`; a 404 when it lists nothing (the index does not name it), so that
    no empty part is kept in the cache for whoever asks for made-up numbers."""
    if section == PAGES:
        pages = list(section_pages(listing().newest)) if number == 1 else []
    else:
        pages = list(item_pages(ITEM_SECTIONS[section], number))
    if not pages:
        raise Http404("No such sitemap.")
    return xml_text([URLSET, *(entry for page in pages for entry in page.entries()), "</urlset>"])


def index_text(parts):
    """The index: every part with the time of its newest change, to the second, so that a crawler
    that read a part in the morning knows to read it again after an afternoon's change."""
    lines = []
    for section, numbers in parts.items():
        for number, lastmod in numbers.items():
            loc = escape(absolute(reverse("sitemap-part", kwargs={"section": section, "number": number})))
            when = f"<lastmod>{timezone.localtime(lastmod).isoformat(timespec='seconds')}</lastmod>" if lastmod else ""
            lines.append(f"<sitemap><loc>{loc}</loc>{when}</sitemap>")
    return xml_text([SITEMAPINDEX, *lines, "</sitemapindex>"])


@read_only
@language_neutral
def sitemap_index(request):
    body = cached(cache_name("index"), lambda: index_text(listing().parts), SCHEDULED_MODELS)
    return HttpResponse(body, content_type=CONTENT_TYPE)


@read_only
@language_neutral
def sitemap_part(request, section, number):
    """One part; a part that lists nothing, which the index does not name, is a 404.

    Like the index, each part has its own entry in the public cache, which any content change
    or the next scheduled publication of a listed model makes stale. A part of items reads only
    its own rows, by primary key: it does not build the index's listing, which groups every row.
    """
    if (section != PAGES and section not in ITEM_SECTIONS) or int(number) > part_number(LARGEST_KEY):
        raise Http404("No such sitemap.")
    body = cached(cache_name(f"{section}-{number}"), lambda: part_text(section, int(number)), SCHEDULED_MODELS)
    return HttpResponse(body, content_type=CONTENT_TYPE)
