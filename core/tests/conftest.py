"""Fixtures of the core tests."""

import pytest
from django.core.cache import cache


@pytest.fixture
def media(settings, tmp_path):
    """Uploads and renditions go to a fresh folder, and no rendition is remembered from before."""
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    return tmp_path
