"""The news list with its filters and search, and the news item page."""

import datetime
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Exists, Prefetch, Q
from django.templatetags.static import static
from django.utils import timezone, translation
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.views.generic import ListView

from core.i18n import LANGUAGE_CODES, PageLanguages, absolute, view_urls
from core.public_cache import cached
from core.views import PageLanguagesMixin, TranslatedDetailView
from programmes.models import Programme, Project

from .models import NewsItem


def available_news():
    return NewsItem.objects.visible_in(translation.get_language())


def publication_years(items):
    """The years in which `items` were published, newest first, in the site's time zone.

    The oldest item comes from the publication-date index, then one query asks, for each year
    from then to now, whether an item exists in it: each EXISTS stops at its year's first item,
    where truncating every row's date to its year read the whole table.
    """
    oldest = items.order_by("published_at").values_list("published_at", flat=True).first()
    if oldest is None:
        return []
    zone = timezone.get_current_timezone()
    years = range(timezone.localtime(timezone.now()).year, timezone.localtime(oldest).year - 1, -1)

    def start(year):
        return datetime.datetime(year, 1, 1, tzinfo=zone)

    exists = {
        f"y{year}": Exists(items.filter(published_at__gte=start(year), published_at__lt=start(year + 1)))
        for year in years
    }
    row = NewsItem.objects.order_by().annotate(**exists).values(*exists)[0]
    return [year for year in years if row[f"y{year}"]]


class CachedCountPaginator(Paginator):
    """A paginator that keeps its count in the public cache under `count_name`.

    Counting a searched list reads every row's text; the same search is counted once until the
    news changes or a scheduled item goes live.
    """

    def __init__(self, *args, count_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return cached(self.count_name, self.object_list.count, [NewsItem])


class NewsFilters:
    """The reader's choice of kind, year, programme and search words, read from the query string.

    A value the list does not know (a stale or hand-edited link) is left out and named in
    `ignored`, so that the page still shows news and says which filter it did not apply.
    """

    def __init__(self, params, programmes, years):
        self.ignored = []
        self.q = params.get("q", "").strip()[:200]
        self.kind = self.choose(params, "kind", set(NewsItem.Kind.values))
        year = self.choose(params, "year", {str(year) for year in years})
        self.year = int(year) if year else None
        self.programme = self.choose(params, "programme", {programme.key for programme in programmes})

    def choose(self, params, name, known):
        value = params.get(name, "")
        if value and value not in known:
            self.ignored.append(name)
            return ""
        return value

    def apply(self, queryset):
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.year:
            queryset = queryset.filter(published_at__year=self.year)
        if self.programme:
            queryset = queryset.filter(programmes__key=self.programme)
        if self.q:
            queryset = queryset.search(self.q)
        return queryset

    @property
    def active(self):
        return bool(self.kind or self.year or self.programme or self.q)

    def query(self):
        """The query string of the active filters, without the page number."""
        pairs = [("kind", self.kind), ("year", self.year or ""), ("programme", self.programme), ("q", self.q)]
        return urlencode([(name, value) for name, value in pairs if value])


class NewsListView(PageLanguagesMixin, ListView):
    template_name = "news/newsitem_list.html"
    paginate_by = 10
    url_name = "news:list"

    def get(self, request, *args, **kwargs):
        code = translation.get_language()
        self.programmes = list(Programme.objects.visible_in(code).only("key", "title"))
        self.years = cached(f"news-years:{code}", lambda: publication_years(available_news()), [NewsItem])
        self.filters = NewsFilters(request.GET, self.programmes, self.years)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return self.filters.apply(available_news()).latest_first().for_lists()

    def get_paginator(self, queryset, per_page, **kwargs):
        name = f"news-count:{translation.get_language()}:{self.filters.query()}"
        return CachedCountPaginator(queryset, per_page, count_name=name, **kwargs)

    def get_page_languages(self):
        """The list in each language; past page 1, only the languages whose list is that long.

        The switcher keeps the filters but not the page number, which differs between languages.
        """
        urls = view_urls(self.url_name)
        page = self.request.GET.get("page", "")
        number = int(page) if page.isdigit() else 1
        if number > 1:
            long_enough = self.languages_with_page(number)
            urls = {code: url for code, url in urls.items() if code in long_enough}
        page_query = f"page={number}" if number > 1 else ""
        fallbacks = view_urls(self.url_name)
        return PageLanguages(urls, fallbacks=fallbacks, query=self.filters.query(), page_query=page_query)

    def languages_with_page(self, number):
        """The languages whose unfiltered list reaches page `number`, asked in one query.

        Each language's question is whether its list has an item past the previous pages: an
        EXISTS that stops at that item, where counting every language's list scanned the table.
        """
        offset = (number - 1) * self.paginate_by
        reaches = {
            code: Exists(NewsItem.objects.visible_in(code).values("pk")[offset : offset + 1]) for code in LANGUAGE_CODES
        }
        row = NewsItem.objects.annotate(**reaches).values(*LANGUAGE_CODES).first()
        return {code for code, reached in (row or {}).items() if reached}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filters=self.filters,
            programmes=self.programmes,
            years=self.years,
            kinds=NewsItem.Kind.choices,
            **kwargs,
        )


class NewsDetailView(TranslatedDetailView):
    model = NewsItem
    section_url_name = "news:list"

    def get_queryset(self):
        code = translation.get_language()
        return (
            super()
            .get_queryset()
            .defer("search_text")
            .prefetch_related(
                Prefetch("programmes", Programme.objects.visible_in(code).for_lists()),
                Prefetch("projects", Project.objects.visible_in(code).for_lists()),
            )
        )

    def get_context_data(self, **kwargs):
        item = self.object
        older = Q(published_at__lt=item.published_at) | Q(published_at=item.published_at, pk__lt=item.pk)
        newer = Q(published_at__gt=item.published_at) | Q(published_at=item.published_at, pk__gt=item.pk)
        neighbours = available_news().only("slug", "title", "published_at")
        return super().get_context_data(
            previous=neighbours.filter(older).order_by("-published_at", "-pk").first(),
            next=neighbours.filter(newer).order_by("published_at", "pk").first(),
            structured_data=article_data(item),
            **kwargs,
        )


def article_data(item):
    """schema.org NewsArticle data for a news item's JSON-LD."""
    image = item.image.url if item.image else static("images/og-default.png")
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": item.title,
        "description": item.lead,
        "inLanguage": translation.get_language(),
        "datePublished": item.published_at.isoformat(),
        "dateModified": item.updated.isoformat(),
        "mainEntityOfPage": absolute(item.get_absolute_url()),
        "image": [absolute(image)],
        "author": {"@type": "Organization", "name": gettext("IOM Czechia")},
        "publisher": {
            "@type": "Organization",
            "name": gettext("IOM Czechia"),
            "logo": {"@type": "ImageObject", "url": absolute(static("images/og-default.png"))},
        },
    }
