"""Guessing passwords at /admin/login/: five wrong ones for a user from one address lock that pair out."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client, RequestFactory, override_settings
from django.utils import translation

from core.login_throttle import client_address

LOGIN = "/admin/login/?next=/admin/"
ADDRESS = "203.0.113.7"


@pytest.fixture
def editors(db):
    User.objects.create_user("anna", password="right-password-1", is_staff=True)
    User.objects.create_user("jana", password="right-password-2", is_staff=True)


def attempt(username, password, address=ADDRESS, language="en"):
    """One login from a fresh browser; the response and whether it ended logged in."""
    client = Client(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE=language)
    with translation.override(language):
        response = client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})
    return response, "_auth_user_id" in client.session


def lets_in(username, password, address=ADDRESS):
    response, logged_in = attempt(username, password, address)
    return response.status_code == 302 and logged_in


def wrong_passwords(username, count, address=ADDRESS):
    return [attempt(username, f"wrong-{n}", address)[0].status_code for n in range(count)]


def end_cool_off():
    """Move every recorded failure back past the cool-off time, as if that time had passed."""
    for row in AccessAttempt.objects.all():
        row.attempt_time -= datetime.timedelta(minutes=16)
        row.save(update_fields=["attempt_time"])


def test_after_twenty_wrong_passwords_the_right_one_is_refused_until_the_cool_off_ends(editors):
    statuses = wrong_passwords("anna", 20)
    assert statuses[:4] == [200] * 4  # the login form again, with its error
    assert set(statuses[4:]) == {429}  # the fifth failure locks the pair out
    refused, logged_in = attempt("anna", "right-password-1")
    assert (refused.status_code, logged_in) == (429, False)
    assert "Login refused for now" in refused.content.decode()
    assert "15 minutes" in refused.content.decode()
    end_cool_off()
    assert lets_in("anna", "right-password-1")


def test_the_lockout_hits_only_that_user_from_that_address(editors):
    wrong_passwords("anna", 5)
    assert not lets_in("anna", "right-password-1")
    assert lets_in("jana", "right-password-2")
    assert lets_in("anna", "right-password-1", address="198.51.100.20")


def test_four_failures_then_the_right_password_resets_the_count(editors):
    wrong_passwords("anna", 4)
    assert lets_in("anna", "right-password-1")
    wrong_passwords("anna", 4)
    assert lets_in("anna", "right-password-1")


@pytest.mark.parametrize(
    ("language", "text"),
    [("cs", "Přihlášení je nyní odmítnuto"), ("uk", "Вхід наразі відхилено")],
)
def test_the_lockout_page_is_in_the_admin_language(editors, language, text):
    wrong_passwords("anna", 5)
    refused, _ = attempt("anna", "right-password-1", language=language)
    assert refused.status_code == 429
    assert text in refused.content.decode()


def test_an_administrator_sees_the_lockout_and_lifts_it_in_the_admin(editors, admin_client):
    wrong_passwords("anna", 5)
    with translation.override("en"):
        listing = admin_client.get("/admin/axes/accessattempt/")
        assert listing.status_code == 200
        assert "anna" in listing.content.decode()
        attempt_id = AccessAttempt.objects.get(username="anna").pk
        admin_client.post(f"/admin/axes/accessattempt/{attempt_id}/delete/", {"post": "yes"})
    assert lets_in("anna", "right-password-1")


def test_the_management_command_lifts_the_lockout(editors):
    wrong_passwords("anna", 5)
    call_command("axes_reset_username", "anna", verbosity=0)
    assert lets_in("anna", "right-password-1")


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_only_the_address_the_site_s_own_proxy_saw_is_believed():
    factory = RequestFactory()
    direct = factory.get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.0.0.1")
    proxied = factory.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9")
    assert client_address(direct) == "203.0.113.7"
    assert client_address(proxied) == "203.0.113.9"


def test_every_address_behind_the_proxy_counts_on_its_own(editors):
    """Two readers behind the same nginx are two addresses: one's failures do not lock the other out."""
    client = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.50")
    with translation.override("en"):
        for n in range(5):
            client.post(LOGIN, {"username": "anna", "password": f"wrong-{n}"})
    other = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51")
    with translation.override("en"):
        response = other.post(LOGIN, {"username": "anna", "password": "right-password-1", "next": "/admin/"})
    assert response.status_code == 302
