"""News, press releases and stories."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections, models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from core.i18n import LANGUAGE_CODES
from core.images.content import ImageContent
from core.models import (
    ContentManageable,
    Publishable,
    PublishableQuerySet,
    TranslatedContent,
    availability,
    unique_per_language,
)
from core.text import search_key

REQUIRED_TRANSLATIONS = ("title", "slug", "lead")
# Full-text search of the folded text (news migration 0010): words as they are, no stemming or stop
# words, since the text is Czech, English and transliterated Ukrainian.
SEARCH_CONFIG = "simple"
EDGE_PUNCTUATION_RE = re.compile(r"^[\W_]+|[\W_]+$")


class NewsItemQuerySet(PublishableQuerySet):
    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def search(self, query):
        """Every word of the query, ignoring case and diacritics, in the active language's text.

        A word's leading and trailing punctuation is left out ("(covid)," is covid); a query of
        punctuation alone finds nothing. On PostgreSQL each word is the start of a word of the
        text ("integrac" finds "integrace" and "integraci"), found through the language's full-text
        index (news migration 0010), and PostgreSQL splits a word as it split the text ("covid-19");
        elsewhere a word is found anywhere in the text, reading every row.
        """
        words = [EDGE_PUNCTUATION_RE.sub("", word) for word in search_key(query).split()]
        words = [word for word in words if word]
        if not words:
            return self.none() if query.strip() else self
        if connections[self.db].vendor != "postgresql":
            for word in words:
                self = self.filter(search_text__contains=word)
            return self
        # Each word quoted, so that none of its characters is read as tsquery syntax.
        terms = ("'" + word.replace("\\", "\\\\").replace("'", "''") + "':*" for word in words)
        words_query = SearchQuery(" & ".join(terms), config=SEARCH_CONFIG, search_type="raw")
        column = build_localized_fieldname("search_text", translation.get_language())
        return self.alias(search_words=SearchVector(column, config=SEARCH_CONFIG)).filter(search_words=words_query)


class NewsItem(ImageContent, TranslatedContent, Publishable, ContentManageable):
    class Kind(models.TextChoices):
        NEWS = "news", _("news")
        PRESS_RELEASE = "press_release", _("press release")
        STORY = "story", _("story")

    class Scope(models.TextChoices):
        LOCAL = "local", _("local")
        GLOBAL = "global", _("global")

    title = models.CharField(_("title"), max_length=200, blank=True, null=True)
    slug = models.SlugField(_("slug"), max_length=200, blank=True, null=True)
    lead = models.TextField(_("lead"), blank=True, null=True)
    body = models.TextField(_("body"), blank=True, null=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.NEWS)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.LOCAL)
    image = models.ImageField(_("image"), upload_to="news/", blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True, null=True)
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True, null=True)
    image_credit = models.CharField(_("image credit"), max_length=200, blank=True)
    media_contact_name = models.CharField(_("media contact name"), max_length=200, blank=True)
    media_contact_email = models.EmailField(_("media contact e-mail"), blank=True)
    programmes = models.ManyToManyField(
        "programmes.Programme", verbose_name=_("programmes"), blank=True, related_name="news_items"
    )
    projects = models.ManyToManyField(
        "programmes.Project", verbose_name=_("projects"), blank=True, related_name="news_items"
    )
    search_text = models.TextField(_("search text"), blank=True, null=True, editable=False)

    required_translations = REQUIRED_TRANSLATIONS
    rich_text_fields = ("body",)
    list_deferred = ("body", "search_text", "admin_search_text")
    derived_fields = ("search_text", *TranslatedContent.derived_fields)
    slug_url_name = "news:detail"

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        ordering = ["-published_at", "-pk"]
        constraints = unique_per_language("slug", "newsitem")
        permissions = [("publish_newsitem", "Can publish, unpublish and schedule news items")]
        # One per language, holding only the items available in it: the news list pages through
        # it newest first and counts a kind's items without reading the (long) rows.
        indexes = [
            models.Index(
                fields=["status", "published_at", "id", "kind"],
                condition=availability(REQUIRED_TRANSLATIONS, code),
                name=f"newsitem_list_{code}",
            )
            for code in LANGUAGE_CODES
        ]

    def normalise_translations(self):
        super().normalise_translations()
        for code in LANGUAGE_CODES:
            parts = [self.column(field, code) for field in ("title", "lead", "body")]
            setattr(self, f"search_text_{code}", search_key(" ".join(p for p in parts if p)) or None)

    def get_absolute_url(self):
        return reverse("news:detail", kwargs={"slug": self.slug})
