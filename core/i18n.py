"""Everything about languages in one place: the site's languages and per-language URLs."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import NotRegistered, translator

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE

# OpenGraph wants territory-qualified locales.
OG_LOCALES = {"en": "en_GB", "cs": "cs_CZ", "uk": "uk_UA"}


def language_name(code):
    """The language's own name in the active language, e.g. 'Czech' or 'čeština'."""
    return translation.gettext(dict(settings.LANGUAGES)[code])


def native_language_name(code):
    """The language's name in that language ('čeština'), as a language switcher shows it."""
    with translation.override(code):
        return language_name(code)


def translated_fields(model):
    """The base names of a model's translated fields, e.g. ('title', 'slug', 'body')."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def url_in_language(obj, code):
    """An object's absolute path in a given language (its slug and path segments translated)."""
    with translation.override(code):
        return obj.get_absolute_url()


def reverse_in_language(code, viewname, kwargs=None):
    """A named URL's path in a given language."""
    with translation.override(code):
        return reverse(viewname, kwargs=kwargs)


def absolute(path):
    """An absolute URL on the public site for a path."""
    return f"{settings.SITE_URL}{path}"


def object_urls(obj):
    """{language: path} for exactly the languages an object is available in."""
    return {code: url_in_language(obj, code) for code in obj.available_languages()}


def view_urls(viewname, kwargs=None):
    """{language: path} for a page that exists in every language (a list, the home page)."""
    return {code: reverse_in_language(code, viewname, kwargs) for code in LANGUAGE_CODES}


def x_default_language(codes):
    """The language x-default points to: the source language, or the first one the page has."""
    if SOURCE_LANGUAGE in codes:
        return SOURCE_LANGUAGE
    return next(code for code in LANGUAGE_CODES if code in codes)


def find_by_any_slug(queryset, slug):
    """The item whose slug is `slug` in any language, or None (for the 'only in…' 404 page)."""
    condition = Q()
    for code in LANGUAGE_CODES:
        condition |= Q(**{f"slug_{code}": slug})
    return queryset.filter(condition).first()


@dataclass
class SwitcherLink:
    code: str
    name: str
    url: str
    available: bool
    current: bool


@dataclass
class PageLanguages:
    """The links a page needs about its languages: canonical, hreflang alternates, switcher.

    `urls` maps each language the page exists in to its path; `fallbacks` gives, for the other
    languages, where the switcher leads instead (the section's page in that language), so that
    switching language never ends on a dead end. `query` is kept on the switcher's links;
    `page_query` (a list's page number) also on the canonical and hreflang links.
    """

    urls: dict
    fallbacks: dict = field(default_factory=dict)
    query: str = ""
    page_query: str = ""

    @property
    def code(self):
        return translation.get_language()

    @property
    def canonical(self):
        return self.indexed_url(self.urls.get(self.code) or self.fallbacks.get(self.code, ""))

    def indexed_url(self, path):
        """The absolute URL search engines should index for a path: with the page number, no filters."""
        return absolute(path) + (f"?{self.page_query}" if self.page_query else "")

    @property
    def alternates(self):
        """[(hreflang, absolute URL)] for every language the page exists in, then x-default."""
        links = [(code, self.indexed_url(self.urls[code])) for code in LANGUAGE_CODES if code in self.urls]
        if links:
            links.append(("x-default", self.indexed_url(self.urls[x_default_language(self.urls)])))
        return links

    @property
    def og_locale(self):
        return OG_LOCALES[self.code]

    @property
    def og_alternate_locales(self):
        return [OG_LOCALES[code] for code in LANGUAGE_CODES if code in self.urls and code != self.code]

    @property
    def switcher(self):
        links = []
        for code in LANGUAGE_CODES:
            available = code in self.urls
            url = self.urls[code] if available else self.fallbacks.get(code) or reverse_in_language(code, "home")
            if self.query:
                url = f"{url}?{self.query}"
            links.append(SwitcherLink(code, native_language_name(code), url, available, code == self.code))
        return links
