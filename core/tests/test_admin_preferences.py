"""Each admin user's own language and time zone: the Preferences page, and the middleware that
applies them to that user's admin pages and to nothing else."""

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AdminPreferences
from news.models import NewsItem
from testing.admin_support import form_data

PREFERENCES = "/admin/preferences/"


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser("chief", password="x")


@pytest.fixture
def signed_in(client, chief):
    client.force_login(chief)
    return client


def html_lang(response):
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_the_user_menu_links_to_the_preferences_page(signed_in):
    page = signed_in.get("/admin/").content.decode()
    assert f'<a href="{PREFERENCES}">Preferences</a>' in page


def test_without_preferences_the_admin_follows_the_browser_among_its_languages(signed_in):
    assert html_lang(signed_in.get("/admin/", HTTP_ACCEPT_LANGUAGE="uk,en;q=0.5")) == "uk"
    assert html_lang(signed_in.get("/admin/", HTTP_ACCEPT_LANGUAGE="de-DE,cs;q=0.8")) == "cs"
    assert html_lang(signed_in.get("/admin/", HTTP_ACCEPT_LANGUAGE="de-DE,fr;q=0.8")) == "en"


def test_the_public_sites_language_cookie_does_not_choose_the_admins_language(signed_in):
    signed_in.cookies["django_language"] = "uk"
    assert html_lang(signed_in.get("/admin/", HTTP_ACCEPT_LANGUAGE="cs")) == "cs"


def test_saving_a_language_shows_the_admin_in_it_whatever_the_browser_asks(signed_in, chief):
    response = signed_in.post(PREFERENCES, {"language": "uk", "time_zone": "Europe/Kyiv"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302 and response["Location"] == PREFERENCES
    preferences = AdminPreferences.objects.get(user=chief)
    assert (preferences.language, preferences.time_zone) == ("uk", "Europe/Kyiv")
    page = signed_in.get(PREFERENCES, HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(page) == "uk"
    assert "Налаштування збережено." in page.content.decode()
    assert html_lang(signed_in.get("/admin/news/newsitem/", HTTP_ACCEPT_LANGUAGE="cs")) == "uk"


def test_saving_again_changes_the_same_row(signed_in, chief):
    signed_in.post(PREFERENCES, {"language": "uk", "time_zone": "Europe/Kyiv"})
    signed_in.post(PREFERENCES, {"language": "", "time_zone": "UTC"})
    assert list(AdminPreferences.objects.values_list("user", "language", "time_zone")) == [(chief.pk, "", "UTC")]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"language": "de", "time_zone": "Europe/Prague"}, "language"),
        ({"language": "cs", "time_zone": "Mars/Olympus_Mons"}, "time_zone"),
        ({"language": "cs", "time_zone": ""}, "time_zone"),
    ],
)
def test_a_language_or_zone_not_offered_is_refused_naming_the_field(signed_in, data, field):
    response = signed_in.post(PREFERENCES, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert "Please correct the error below." in response.content.decode()
    assert not AdminPreferences.objects.exists()


def test_a_zone_not_offered_is_refused_by_the_model_too(chief):
    with pytest.raises(Exception, match="not one of the time zones offered"):
        AdminPreferences(user=chief, time_zone="Europe/Nowhere").full_clean()


def test_the_preferences_page_needs_a_signed_in_staff_user(client, django_user_model):
    assert client.get(PREFERENCES)["Location"].startswith("/admin/login/")
    django_user_model.objects.create_user("reader", password="x")
    client.force_login(django_user_model.objects.get(username="reader"))
    assert client.get(PREFERENCES)["Location"].startswith("/admin/login/")


def test_the_public_site_keeps_its_language_prefix_whatever_the_admin_preference(signed_in, chief, site):
    AdminPreferences.objects.create(user=chief, language="uk")
    page = signed_in.get("/cs/", HTTP_ACCEPT_LANGUAGE="uk")
    assert html_lang(page) == "cs"
    assert signed_in.get("/en/", HTTP_ACCEPT_LANGUAGE="uk")["Content-Language"] == "en"


def test_the_change_form_shows_a_time_in_the_users_zone_and_reads_it_back_in_that_zone(signed_in, chief, site):
    item = NewsItem.objects.order_by("pk").first()
    item.published_at = datetime.datetime(2023, 12, 19, 9, 0, tzinfo=datetime.UTC)
    item.save()
    change = reverse("admin:news_newsitem_change", args=[item.pk])

    prague = signed_in.get(change).content.decode()
    assert 'name="published_at" value="2023-12-19T10:00"' in prague
    assert 'data-admin-utc-offset="3600"' in prague or 'data-admin-utc-offset="7200"' in prague

    AdminPreferences.objects.create(user=chief, time_zone="Europe/Kyiv")
    response = signed_in.get(change)
    kyiv = response.content.decode()
    assert 'name="published_at" value="2023-12-19T11:00"' in kyiv
    offset = int(datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Kyiv")).utcoffset().total_seconds())
    assert f'data-admin-utc-offset="{offset}"' in kyiv
    assert "Times are entered and shown in the time zone Europe/Kyiv" in kyiv

    saved = signed_in.post(change, form_data(response, published_at="2023-12-19T12:30"))
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    item.refresh_from_db()
    assert item.published_at == datetime.datetime(2023, 12, 19, 10, 30, tzinfo=datetime.UTC)


def test_the_users_zone_is_given_back_after_the_request(signed_in, chief):
    AdminPreferences.objects.create(user=chief, time_zone="America/New_York")
    signed_in.get("/admin/")
    assert timezone.get_current_timezone_name() == "Europe/Prague"
