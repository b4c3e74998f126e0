"""Fixtures of the core tests."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

from testing.chromium import watched_page


@pytest.fixture
def media(settings, tmp_path):
    """Uploads and renditions go to a fresh folder, and no rendition is remembered from before."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return tmp_path


# Collects the Content-Security-Policy violations of every page the admin_page tab opens.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def admin_page(chromium, live_server):
    """A signed-in superuser's tab; requests to other hosts are refused and collected."""
    user = User.objects.create_superuser("editor", "editor@example.org", "x")
    client = Client()
    client.force_login(user)
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    context.add_init_script(WATCH)
    page = watched_page(context, live_server.url)
    yield page
    context.close()
