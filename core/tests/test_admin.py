import re
from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.utils import translation

from news.models import NewsItem
from testing.admin_support import sample_content

pytestmark = pytest.mark.django_db

ASSET_URL = re.compile(r'<(?:script|link|img)\b[^>]*?\b(?:src|href)="([^"]*)"', re.IGNORECASE)


def login_records():
    """One row of each of the login throttle's records, which the admin lists but cannot add."""
    fields = {"username": "anna", "ip_address": "203.0.113.7", "user_agent": "test", "http_accept": "*/*"}
    return {
        "accessattempt": AccessAttempt.objects.create(**fields, get_data="", post_data="", failures_since_start=5),
        "accesslog": AccessLog.objects.create(**fields),
        "accessfailurelog": AccessFailureLog.objects.create(**fields),
    }


def admin_pages(content):
    yield "/admin/"
    yield "/admin/translations/"
    for model in admin.site._registry:
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        obj = content[model._meta.model_name]
        yield base
        if model._meta.app_label != "axes":
            yield f"{base}add/"
        yield f"{base}{obj.pk}/change/"
        yield f"{base}{obj.pk}/history/"
        if hasattr(obj, "history"):
            yield f"{base}{obj.pk}/history/{obj.history.latest().history_id}/"


def test_no_admin_page_loads_a_script_style_or_image_from_another_host(admin_client, admin_user):
    content = sample_content()
    content.update(user=admin_user, group=Group.objects.get_or_create(name="Reviewers")[0], **login_records())
    pages = list(admin_pages(content))
    with translation.override("en"):
        responses = {page: admin_client.get(page) for page in pages}
    assert {page: response.status_code for page, response in responses.items()} == dict.fromkeys(pages, 200)
    assets = {
        (page, url) for page, response in responses.items() for url in ASSET_URL.findall(response.content.decode())
    }
    assert (
        f"/admin/news/newsitem/{content['newsitem'].pk}/change/",
        "/static/xstatic/jquery-ui/jquery-ui.min.js",
    ) in assets
    assert [(page, url) for page, url in assets if urlsplit(url).netloc or urlsplit(url).scheme] == []


def test_every_list_shows_each_language_with_its_status(admin_client):
    sample_content()
    with translation.override("en"):
        html = admin_client.get("/admin/programmes/project/").content.decode()
    assert re.search(r'title="English: complete">EN ✓<.*title="Czech: missing">CS –<', html)
    assert 'title="Ukrainian: complete">UK ✓<' in html


def test_the_translation_filter_lists_items_missing_or_available_in_a_language(admin_client):
    both = sample_content()["newsitem"]
    english_only = NewsItem.objects.create(title_en="Only English", lead_en="Lead")
    with translation.override("en"):
        missing = admin_client.get("/admin/news/newsitem/", {"translation": "uk-missing"})
        complete = admin_client.get("/admin/news/newsitem/", {"translation": "uk-complete"})
    assert list(missing.context["cl"].queryset) == [english_only]
    assert list(complete.context["cl"].queryset) == [both]
