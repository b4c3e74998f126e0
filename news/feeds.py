"""RSS 2.0 and Atom feeds of the latest news available in the active language, linked on SITE_URL."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.i18n import absolute

from .models import NewsItem

FEED_LENGTH = 20


class LatestNewsFeed(Feed):
    title = _("IOM Czechia: news")
    description = _("News, press releases and stories from the International Organization for Migration in Czechia.")

    url_name = "news:rss"

    def link(self):
        return absolute(reverse("news:list"))

    def feed_url(self):
        return absolute(reverse(self.url_name))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def items(self):
        code = translation.get_language()
        return NewsItem.objects.visible_in(code).latest_first().for_lists()[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The lead is plain text, and readers show a description as HTML: escape it to be read as written."""
        return escape(item.lead)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated

    def item_categories(self, item):
        return [item.get_kind_display()]

    def item_author_name(self, item):
        return settings.SITE_NAME


class LatestNewsAtomFeed(LatestNewsFeed):
    feed_type = Atom1Feed
    url_name = "news:atom"
    subtitle = LatestNewsFeed.description
