"""Revisions (who, when, which fields; restore) and the refusal of a save that would overwrite another's."""

import json

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils import formats, timezone, translation

from core import workflow
from core.models import Status
from news.models import NewsItem
from testing.admin_support import form_data, sample_content, user_in

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/news/newsitem/{item.pk}/change/"


def save_through_admin(client, item, **changes):
    with translation.override("en"):
        return client.post(change_url(item), form_data(client.get(change_url(item)), **changes))


def test_every_admin_save_keeps_a_revision_with_every_language_and_who_made_it(admin_client, admin_user):
    item = sample_content()["newsitem"]
    assert save_through_admin(admin_client, item, lead_cs="Nový perex.").status_code == 302
    latest = item.history.latest()
    assert item.history.count() == 2
    assert (latest.lead_en, latest.lead_cs, latest.lead_uk) == ("An anniversary.", "Nový perex.", "Ювілей.")
    assert (latest.history_user, latest.updated_by) == (admin_user, admin_user)


def test_the_first_admin_save_of_an_imported_item_keeps_its_imported_state_as_a_revision(admin_client, tmp_path):
    record = {"model": "news.newsitem", "key": "loaded", "title": {"en": "Loaded"}, "lead": {"en": "As shipped."}}
    record |= {"published_at": "2023-12-19T10:00:00+01:00"}
    content = tmp_path / "loaded.json"
    content.write_text(json.dumps({"format": "iomcz-content", "version": 1, "records": [record]}), encoding="utf-8")
    call_command("import_content", str(content), verbosity=0)
    item = NewsItem.objects.get(key="loaded")
    assert item.history.count() == 1
    assert save_through_admin(admin_client, item, lead_en="Edited.").status_code == 302
    assert [revision.lead_en for revision in item.history.order_by("history_date")] == ["As shipped.", "Edited."]
    with translation.override("en"):
        html = admin_client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    assert "<strong>Lead — English:</strong> <p><del>As shipped</del><ins>Edited</ins>.</p>" in html


def test_the_history_page_shows_who_changed_which_fields_and_when(admin_client):
    item = sample_content()["newsitem"]
    save_through_admin(admin_client, item, lead_cs="Nový perex.")
    revision = item.history.latest()
    with translation.override("en"):
        html = admin_client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    assert "<strong>Lead — Czech:</strong> <p><del>Výročí</del><ins>Nový perex</ins>.</p>" in html
    assert f'<a href="/admin/auth/user/{revision.history_user_id}/change/">admin</a>' in html
    assert "Times are in the time zone Europe/Prague." in html
    prague = timezone.localtime(revision.history_date)
    assert prague.tzinfo.key == "Europe/Prague"
    with translation.override("en"):
        assert f"<td>{formats.date_format(prague, 'DATETIME_FORMAT')}</td>" in html


def test_the_history_lists_times_in_prague_time_and_leaves_bookkeeping_columns_out(admin_client):
    item = sample_content()["newsitem"]
    save_through_admin(admin_client, item, title_en="Renamed", published_at="2026-07-01T12:00")
    with translation.override("en"):
        html = admin_client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
        noon = formats.localize(timezone.localtime(item.history.latest().published_at))
    assert "<strong>Publication date:</strong>" in html and "<ins>noon</ins>" in html
    assert noon.endswith("noon")
    assert "<strong>Title — English:</strong>" in html
    assert "Search text" not in html and "Source text at translation time" not in html


def test_restoring_an_earlier_revision_brings_back_its_text_in_every_language(admin_client):
    item = sample_content()["newsitem"]
    first = item.history.earliest()
    save_through_admin(admin_client, item, title_en="Renamed", title_uk="Перейменовано")
    url = f"/admin/news/newsitem/{item.pk}/history/{first.history_id}/"
    with translation.override("en"):
        response = admin_client.post(url, form_data(admin_client.get(url)))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.title_en, item.title_uk) == ("Renamed", "Перейменовано")
    workflow.publish(item, User.objects.get(username="admin"))
    item.refresh_from_db()
    assert (item.title_en, item.title_uk) == ("25 years in Czechia", "25 років у Чехії")
    assert item.history.count() == 3


def test_an_editor_restoring_a_published_revision_does_not_publish_the_item(client, admin_client):
    item = sample_content()["newsitem"]
    published = item.history.latest()
    save_through_admin(admin_client, item, status="draft", lead_en="Withdrawn for corrections.")
    client.force_login(user_in("Editor"))
    url = f"/admin/news/newsitem/{item.pk}/history/{published.history_id}/"
    with translation.override("en"):
        response = client.post(url, form_data(client.get(url), status="published"))
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.lead_en, item.status) == ("An anniversary.", Status.DRAFT)


def test_a_translator_sees_the_history_but_cannot_restore_a_revision(client):
    item = sample_content()["newsitem"]
    client.force_login(user_in("Translator"))
    with translation.override("en"):
        history = client.get(f"/admin/news/newsitem/{item.pk}/history/")
        restore = client.get(f"/admin/news/newsitem/{item.pk}/history/{item.history.latest().history_id}/")
    assert (history.status_code, restore.status_code) == (200, 403)


def test_publishing_from_the_list_is_a_revision_by_the_publisher(client):
    item = sample_content()["newsitem"]
    NewsItem.objects.filter(pk=item.pk).update(status=Status.DRAFT)
    client.force_login(user_in("Publisher"))
    with translation.override("en"):
        client.post("/admin/news/newsitem/", {"action": "publish_now", "_selected_action": [item.pk]})
    latest = item.history.latest()
    assert (latest.status, latest.history_user.username) == (Status.PUBLISHED, "publisher")


def test_the_later_of_two_overlapping_saves_is_refused_and_keeps_its_text(admin_client, django_user_model):
    item = sample_content()["newsitem"]
    other = Client()
    other.force_login(django_user_model.objects.create_superuser("jana", password="x"))
    with translation.override("en"):
        mine = form_data(admin_client.get(change_url(item)), lead_en="My lead.")
        # Jana opens the form while it is held (the soft lock), so she takes the item over first.
        other.post(f"/admin/news/newsitem/{item.pk}/take-over/")
        theirs = form_data(other.get(change_url(item)), lead_en="Their lead.")
        assert other.post(change_url(item), theirs).status_code == 302
        refused = admin_client.post(change_url(item), mine)
        assert refused.status_code == 200
        assert "jana saved this item at" in refused.content.decode()
        assert refused.context["adminform"].form["lead_en"].value() == "My lead."
        assert NewsItem.objects.get(pk=item.pk).lead_en == "Their lead."
        again = admin_client.post(change_url(item), form_data(refused))
    assert again.status_code == 302
    assert NewsItem.objects.get(pk=item.pk).lead_en == "My lead."
