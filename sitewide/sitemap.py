"""sitemap.xml: every public page in each language it exists in, with hreflang alternates.

Each page's URL in each of its languages is built once and serves both as its own entry and
as an alternate of its siblings; the XML is written directly rather than through a template,
so that tens of thousands of news items stay quick to list. x-default points to the page in
the source language (or the first language the page has): Django's own sitemap x-default
strips the language prefix, which here leads to a redirect.
"""

import operator
from dataclasses import dataclass
from functools import reduce
from xml.sax.saxutils import escape, quoteattr

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from core.i18n import LANGUAGE_CODES, absolute, view_urls, x_default_language
from core.page_cache import language_neutral
from core.public_cache import cached
from news.models import NewsItem
from programmes.models import Programme, Project

SITEMAP_MODELS = (NewsItem, Programme, Project)
URLS_PER_FILE = 50_000  # the sitemap protocol's limit
URLSET = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
SITEMAPINDEX = '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'


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


def section_pages():
    """The pages that exist in every language: home, the news list, history, programmes."""
    for name in ("home", "news:list", "history:timeline", "programmes:list"):
        yield Page({code: absolute(path) for code, path in view_urls(name).items()})


SLUG_MARK = "slug-mark"


def path_pattern(model, code):
    """The item path in language `code` split around its slug: get_absolute_url() once, not per item."""
    with translation.override(code):
        return model(**{f"slug_{code}": SLUG_MARK}).get_absolute_url().split(SLUG_MARK)


def item_pages(model):
    """Items in the languages the public sees them in, reading only slugs and dates.

    Visibility comes from the database as one boolean per language, computed by the same
    condition as `visible_in()`; no model instance is made.
    """
    items = model.objects.all()
    conditions = {code: items.visibility(code) for code in LANGUAGE_CODES}
    flags = {
        f"in_{code}": ExpressionWrapper(condition, output_field=BooleanField())
        for code, condition in conditions.items()
    }
    visible_somewhere = reduce(operator.or_, conditions.values())
    slugs = [f"slug_{code}" for code in LANGUAGE_CODES]
    rows = items.filter(visible_somewhere).annotate(**flags).order_by("pk").values("updated", *slugs, *flags)
    patterns = {code: path_pattern(model, code) for code in LANGUAGE_CODES}
    pages = []
    for row in rows:
        urls = {
            code: absolute(row[f"slug_{code}"].join(patterns[code])) for code in LANGUAGE_CODES if row[f"in_{code}"]
        }
        if urls:
            pages.append(Page(urls, row["updated"]))
    return pages


def all_entries():
    entries = [entry for page in section_pages() for entry in page.entries()]
    for model in SITEMAP_MODELS:
        entries += [entry for page in item_pages(model) for entry in page.entries()]
    return entries


def xml_text(lines):
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', *lines])


def sitemap_files():
    """{None: what sitemap.xml shows, "1": part 1, ...}: the URL set, or past the protocol's
    limit an index of its numbered parts."""
    paginator = Paginator(all_entries(), URLS_PER_FILE)
    parts = {str(n): xml_text([URLSET, *paginator.page(n).object_list, "</urlset>"]) for n in paginator.page_range}
    if len(parts) == 1:
        return {None: parts["1"], **parts}
    path = reverse("sitemap")
    locations = [f"<sitemap><loc>{escape(absolute(f'{path}?p={n}'))}</loc></sitemap>" for n in parts]
    return {None: xml_text([SITEMAPINDEX, *locations, "</sitemapindex>"]), **parts}


@require_safe
@language_neutral
def sitemap(request):
    """The URL set, or an index of its numbered parts (?p=2), kept in the public cache.

    The files name every language the site has, so their key names that set; any content
    change or the next scheduled publication of a listed model makes them stale.
    """
    files = cached(f"sitemap:{settings.SITE_URL}:{','.join(LANGUAGE_CODES)}", sitemap_files, SITEMAP_MODELS)
    body = files.get(request.GET.get("p"))
    if body is None:
        raise Http404("No such part of the sitemap.")
    return HttpResponse(body, content_type="application/xml; charset=utf-8")
