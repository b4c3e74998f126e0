"""Fixtures shared by every app's tests."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English; a test that means another language says so."""
    with translation.override("en"):
        yield
