"""Login throttling (django-axes): whose attempts count together, and what a locked-out user sees.

Behind the site's own nginx every request comes from loopback; nginx appends the address it saw
to X-Forwarded-For. Only that last entry is believed, and only when the request came from a
trusted proxy (TRUSTED_PROXIES): entries before it are whatever the client chose to send.
"""

from django.conf import settings
from django.contrib import admin
from django.shortcuts import render


def client_address(request):
    remote = request.META.get("REMOTE_ADDR", "")
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if forwarded and remote in settings.TRUSTED_PROXIES:
        return forwarded[-1]
    return remote


def locked_out(request, original_response=None, credentials=None):
    """The admin's page saying that logging in is refused for now, and for how long (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {**admin.site.each_context(request), "cooloff_minutes": minutes}
    return render(request, "admin/locked_out.html", context, status=429)
