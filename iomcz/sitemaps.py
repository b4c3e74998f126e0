"""sitemap.xml: every public page in each language it exists in, with hreflang alternates.

Each page's URL in each of its languages is built once and serves both as its own entry and
as an alternate of its siblings; the XML is written directly rather than through a template,
so that tens of thousands of news items stay quick to list. x-default points to the page in
the source language (or the first language the page has): Django's own sitemap x-default
strips the language prefix, which here leads to a redirect.
"""

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from news.models import NewsItem
from programmes.models import Programme, Project

from .i18n import LANGUAGE_CODES, absolute, view_urls, x_default_language

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


def item_pages(model):
    """Published items in the languages they are available in, loading only the columns that needs.

    Each language is activated once for all items (not once per item), then the item's own
    get_absolute_url() builds its path with that language's slug and path segments.
    """
    fields = {*model.required_translations, "slug"}
    columns = [f"{field}_{code}" for field in fields for code in LANGUAGE_CODES]
    items = list(model.objects.published().only("updated", *columns).order_by("pk"))
    urls = {item.pk: {} for item in items}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for item in items:
                if item.is_available_in(code):
                    urls[item.pk][code] = absolute(item.get_absolute_url())
    return [Page(urls[item.pk], item.updated) for item in items if urls[item.pk]]


def all_entries():
    entries = [entry for page in section_pages() for entry in page.entries()]
    for model in (NewsItem, Programme, Project):
        entries += [entry for page in item_pages(model) for entry in page.entries()]
    return entries


def xml_response(lines):
    body = "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', *lines])
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_GET
def sitemap(request):
    """The URL set, or, past the protocol's limit, an index of its numbered parts (?p=2)."""
    paginator = Paginator(all_entries(), URLS_PER_FILE)
    number = request.GET.get("p")
    if number is None and paginator.num_pages > 1:
        parts = [absolute(f"{reverse('sitemap')}?p={n}") for n in paginator.page_range]
        index = [f"<sitemap><loc>{escape(url)}</loc></sitemap>" for url in parts]
        return xml_response([SITEMAPINDEX, *index, "</sitemapindex>"])
    try:
        page = paginator.page(number or 1)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("No such part of the sitemap.") from None
    return xml_response([URLSET, *page.object_list, "</urlset>"])
