"""sitemap.xml: every public page in each language it exists in, with hreflang alternates."""

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from news.models import NewsItem
from programmes.models import Programme, Project

from .i18n import x_default_language


class MultilingualSitemap(Sitemap):
    """Absolute URLs on settings.SITE_URL, alternates for the item's languages, and x-default.

    Django's own x-default strips the language prefix, which here leads to a redirect; this one
    points to the page in the source language (or the first language the page has).
    """

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        parts = urlsplit(settings.SITE_URL)
        urls = super().get_urls(page, site=SimpleNamespace(domain=parts.netloc), protocol=parts.scheme)
        for url in urls:
            by_language = {alternate["lang_code"]: alternate["location"] for alternate in url["alternates"]}
            if by_language:
                default = by_language[x_default_language(by_language)]
                url["alternates"].append({"lang_code": "x-default", "location": default})
        return urls


class SectionSitemap(MultilingualSitemap):
    """The pages that exist in every language: home, the news list, history, programmes."""

    def items(self):
        return ["home", "news:list", "history:timeline", "programmes:list"]

    def location(self, item):
        return reverse(item)


class ItemSitemap(MultilingualSitemap):
    model = None

    def items(self):
        return self.model.objects.published().defer("body").order_by("pk")

    def get_languages_for_item(self, item):
        return item.available_languages()

    def lastmod(self, item):
        return item.updated


class NewsSitemap(ItemSitemap):
    model = NewsItem

    def items(self):
        return super().items().defer("search_text")


class ProgrammeSitemap(ItemSitemap):
    model = Programme


class ProjectSitemap(ItemSitemap):
    model = Project


SITEMAPS = {
    "pages": SectionSitemap,
    "news": NewsSitemap,
    "programmes": ProgrammeSitemap,
    "projects": ProjectSitemap,
}
