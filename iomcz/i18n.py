"""Everything about languages in one place: the site's languages and per-language URLs."""

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
SOURCE_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def language_name(code):
    """The language's own name in the active language, e.g. 'Czech' or 'čeština'."""
    return translation.gettext(dict(settings.LANGUAGES)[code])


def url_in_language(obj, code):
    """An object's absolute path in a given language (its slug and path segments translated)."""
    with translation.override(code):
        return obj.get_absolute_url()


def absolute(path):
    """An absolute URL on the public site for a path."""
    return f"{settings.SITE_URL}{path}"
