"""The news list with its filters and search, and the news item page."""

import datetime
import re
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connections
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
    """The years in which `items` were published, newest first, in the site's time zone."""
    if connections[items.db].vendor == "postgresql":
        return years_by_index_steps(items)
    return years_by_exists(items)


def years_by_exists(items):
    """The oldest item comes from the list's index, then one statement asks, for each year from
    then to now, whether an item exists in it: each EXISTS stops at its year's first item, where
    truncating every row's date to its year read the whole table.
    """
    oldest = items.order_by("published_at").values_list("published_at", flat=True).first()
    if oldest is None:
        return []
    zone = timezone.get_current_timezone()
    years = range(timezone.localtime(timezone.now()).year, timezone.localtime(oldest).year - 1, -1)

    def start(year):
        return datetime.datetime(year, 1, 1, tzinfo=zone)

    found = exists_in_ranges(items, "published_at", [(start(year), start(year + 1)) for year in years])
    return [year for year, exists in zip(years, found, strict=True) if exists]


# Stands for the step's bound in the statement of years_by_index_steps, until it is replaced.
MARK_TIME = datetime.datetime(1901, 2, 3, 4, 5, 6, tzinfo=datetime.UTC)
PLACEHOLDER_RE = re.compile(r"%%|%s")


def years_by_index_steps(items):
    """On PostgreSQL, one recursive statement that steps down the list's index a year at a time:
    the newest item, then the newest before the start of its year, and so on, one probe of the
    index per year that has news. The EXISTS per year of `years_by_exists` cost more to plan
    (about 3 ms for 28 years) than to run.

    The step is the ORM's own query for "the newest item before a moment", compiled with a
    marked moment whose placeholder then becomes the start of the previous row's year.
    """
    connection = connections[items.db]
    newest = items.order_by("-published_at").values("published_at")[:1]
    step = items.filter(published_at__lt=MARK_TIME).order_by("-published_at").values("published_at")[:1]
    newest_sql, newest_params = newest.query.get_compiler(connection=connection).as_sql()
    step_sql, step_params = step.query.get_compiler(connection=connection).as_sql()
    mark = connection.ops.adapt_datetimefield_value(MARK_TIME)
    slot = list(step_params).index(mark)
    year_start = "(date_trunc('year', years.at AT TIME ZONE %s) AT TIME ZONE %s)"
    placeholders = iter(range(len(step_params)))

    def replace(match):
        if match.group() == "%%":
            return match.group()
        return year_start if next(placeholders) == slot else match.group()

    step_sql = PLACEHOLDER_RE.sub(replace, step_sql)
    zone = timezone.get_current_timezone_name()
    params = [*newest_params, *step_params[:slot], zone, zone, *step_params[slot + 1 :]]
    sql = (
        f"WITH RECURSIVE years(at) AS (({newest_sql}) UNION ALL "
        f"SELECT ({step_sql}) FROM years WHERE years.at IS NOT NULL) "
        "SELECT at FROM years WHERE at IS NOT NULL"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [timezone.localtime(at).year for (at,) in cursor.fetchall()]


def exists_in_ranges(queryset, field, ranges):
    """For each (low, high) in `ranges`, whether `queryset` has a row with low <= `field` < high.

    One statement of EXISTS subqueries, compiled once by the ORM with the first range's bounds,
    which are then swapped for each range's: building an EXISTS expression per range through the
    ORM cost far more (about 3 ms a year) than running them all.
    """
    connection = connections[queryset.db]
    prepare = queryset.model._meta.get_field(field).get_db_prep_value
    low, high = ranges[0]
    subquery = queryset.order_by().filter(**{f"{field}__gte": low, f"{field}__lt": high}).values("pk")[:1]
    sql, params = subquery.query.get_compiler(connection=connection).as_sql()
    params = list(params)
    slots = [params.index(prepare(bound, connection)) for bound in (low, high)]
    arguments = []
    for bounds in ranges:
        for slot, bound in zip(slots, bounds, strict=True):
            params[slot] = prepare(bound, connection)
        arguments += params
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join([f"EXISTS({sql})"] * len(ranges)), arguments)
        return [bool(value) for value in cursor.fetchone()]


class NewsPaginator(Paginator):
    """The news list's paginator: its count kept in the public cache, its pages found by key.

    Counting a searched list reads every row's text; the same search is counted once under
    `count_name` until the news changes or a scheduled item goes live. A page's items are those
    whose keys a subquery picks: the OFFSET then skips entries of the list's index, not whole
    rows, so page 500 costs about what page 2 does.
    """

    def __init__(self, *args, count_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_name = count_name

    @cached_property
    def count(self):
        return cached(self.count_name, self.object_list.count, [NewsItem])

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = self.object_list.values("pk")[bottom:top]
        return self._get_page(list(self.object_list.filter(pk__in=keys)), number, self)


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
        return NewsPaginator(queryset, per_page, count_name=name, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        paginator, self.page, object_list, is_paginated = super().paginate_queryset(queryset, page_size)
        return paginator, self.page, object_list, is_paginated

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

        This page's language does, since the page exists (a filter only ever shortens the list).
        Each other language's question is whether its list has an item past the previous pages:
        an EXISTS that stops at that item, where counting every language's list scanned the table.
        """
        code = translation.get_language()
        others = [other for other in LANGUAGE_CODES if other != code]
        offset = (number - 1) * self.paginate_by
        reaches = {
            other: Exists(NewsItem.objects.visible_in(other).latest_first().values("pk")[offset : offset + 1])
            for other in others
        }
        # Ordered as the list is, each EXISTS skips entries of its language's index; the EXISTS
        # columns hang on this page's first item, found by its key.
        row = NewsItem.objects.filter(pk=self.page.object_list[0].pk).annotate(**reaches).values(*others).get()
        return {code} | {other for other, reached in row.items() if reached}

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
        at, pk = item.published_at, item.pk
        # The bound on the date alone lets the list's index start at the item and stop at the
        # first neighbour; the OR then only settles items published at the same moment.
        older = Q(published_at__lte=at) & (Q(published_at__lt=at) | Q(pk__lt=pk))
        newer = Q(published_at__gte=at) & (Q(published_at__gt=at) | Q(pk__gt=pk))
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
