"""What each admin user chooses for themselves: the admin's language and time zone, and the
middleware that applies them to that user's admin requests (never to the public site)."""

import zoneinfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

# validate_admin_time_zone is also named here by core migration 0006.
from .time_zones import DEFAULT_TIME_ZONE, TIME_ZONE_NAMES, TIME_ZONES, validate_admin_time_zone  # noqa: F401

# An empty choice follows the browser's Accept-Language.
ADMIN_LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def admin_language_from_browser(request):
    """The first of the admin's languages that the browser's Accept-Language asks for, else the default.

    The language cookie and the URL prefix are the public site's; the admin reads neither.
    """
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for accepted, _quality in translation.trans_real.parse_accept_lang_header(header):
        if accepted == "*":
            break
        code = accepted.split("-")[0].lower()
        if code in ADMIN_LANGUAGES:
            return code
    return settings.LANGUAGE_CODE


class AdminPreferencesMiddleware:
    """For a signed-in user's requests under /admin/: their language (else the browser's) and their
    time zone, for this request only. Place it after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(reverse("admin:index")):
            return self.get_response(request)
        preferences = preferences_of(request.user)
        language = preferences.language if preferences and preferences.language else None
        language = language or admin_language_from_browser(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        zone = preferences.time_zone if preferences else DEFAULT_TIME_ZONE
        timezone.activate(zoneinfo.ZoneInfo(zone if zone in TIME_ZONE_NAMES else DEFAULT_TIME_ZONE))
        try:
            return self.get_response(request)
        finally:
            # The active zone would otherwise stay with the thread for its next request.
            timezone.deactivate()


def preferences_of(user):
    """The user's saved preferences, or None (anonymous, or never saved)."""
    if not getattr(user, "is_authenticated", False):
        return None
    from core.models import AdminPreferences

    return AdminPreferences.objects.filter(user=user).first()
