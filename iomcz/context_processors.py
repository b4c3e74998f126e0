"""Site-wide template values; no database access, so that any page (even an error) can use them."""

from django.conf import settings
from django.templatetags.static import static

from .i18n import PageLanguages, absolute, view_urls


def site(request):
    return {
        "SITE_URL": settings.SITE_URL,
        "default_og_image": absolute(static("images/og-default.png")),
        "home_languages": PageLanguages({}, fallbacks=view_urls("home")),
    }
