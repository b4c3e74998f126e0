"""Site-wide template values; no database access, so that any page (even an error) can use them."""

from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject

from .i18n import PageLanguages, absolute, view_urls


def site(request):
    return {
        "default_og_image": absolute(static("images/og-default.png")),
        # For pages without languages of their own (404): the switcher leads to each home page.
        "home_languages": SimpleLazyObject(lambda: PageLanguages({}, fallbacks=view_urls("home"))),
    }
