"""Rotating SECRET_KEY as SECURITY.md says: with the old key as a fallback, staff stay logged in
(Django re-signs a session on its first request under the new key); without it, they log in again."""

from django.test import Client
from django.utils import translation


def test_sessions_survive_a_rotation_with_the_old_key_as_fallback_and_end_without_it(django_user_model, settings):
    anna, jana = Client(), Client()
    anna.force_login(django_user_model.objects.create_superuser("anna", password="x"))
    jana.force_login(django_user_model.objects.create_superuser("jana", password="x"))
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-of-fifty-or-more-characters-for-the-rotation-test"
    with translation.override("en"):
        settings.SECRET_KEY_FALLBACKS = [old]
        assert anna.get("/admin/").status_code == 200
        settings.SECRET_KEY_FALLBACKS = []
        assert anna.get("/admin/").status_code == 200  # re-signed under the new key
        assert jana.get("/admin/").status_code == 302  # never seen during the fallback: log in again
