"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English; a test that means another language says so."""
    with translation.override("en"):
        yield


@pytest.fixture
def shipped_content(db):
    """The site with the content that ships in data/, loaded as `make setup` loads it."""
    from iomcz.tests.fake_content import add_sample_site

    add_sample_site()
