"""The soft lock of the change form: who is editing an item, taking it over, and its heartbeat."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from core import edit_presence
from core.models import EditPresence, Status
from news.models import NewsItem
from testing.admin_support import form_data, sample_content, user_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def item():
    """An item not yet published, which a save changes directly (a published one's save is a draft)."""
    item = sample_content()["newsitem"]
    NewsItem.objects.filter(pk=item.pk).update(status=Status.DRAFT)
    return NewsItem.objects.get(pk=item.pk)


def editor(name):
    client = Client()
    client.force_login(user_in("Editor", name))
    return client


def url(item, action="change"):
    return f"/admin/news/newsitem/{item.pk}/{action}/"


def open_form(client, item):
    with translation.override("en"):
        response = client.get(url(item))
    assert response.status_code == 200
    return response


def heartbeat(client, item):
    with translation.override("en"):
        response = client.post(url(item, "presence"))
    assert response.status_code == 200
    return response.json()


def test_an_item_nobody_else_edits_opens_for_editing_with_its_heartbeat(item):
    html = open_form(editor("anna"), item).content.decode()
    assert 'name="title_en"' in html and "Someone else is editing" not in html
    assert f'data-heartbeat-url="{url(item, "presence")}"' in html and "js/admin-edit-presence.js" in html
    assert EditPresence.objects.get().user.username == "anna"


def test_a_second_editor_sees_who_is_editing_before_typing_and_gets_the_form_read_only(item):
    open_form(editor("anna"), item)
    response = open_form(editor("petr"), item)
    html = response.content.decode()
    assert "Someone else is editing this item:" in html and "anna (opened it at" in html
    assert f'action="{url(item, "take-over")}"' in html and "Take over and edit" in html
    assert 'name="title_en"' not in html and 'name="_save"' not in html
    assert [p.user.username for p in EditPresence.objects.all()] == ["anna"]


def test_the_same_person_in_a_second_tab_is_not_told_they_are_editing_it_themselves(item):
    anna = editor("anna")
    open_form(anna, item)
    html = open_form(anna, item).content.decode()
    assert "Someone else is editing" not in html and 'name="title_en"' in html
    assert EditPresence.objects.count() == 1


def test_a_presence_without_heartbeat_for_a_few_minutes_has_ended(item):
    open_form(editor("anna"), item)
    EditPresence.objects.update(last_seen=EditPresence.objects.get().last_seen - edit_presence.EXPIRES_AFTER)
    html = open_form(editor("petr"), item).content.decode()
    assert "Someone else is editing" not in html and 'name="title_en"' in html


def test_the_heartbeat_keeps_the_presence_alive(item):
    anna = editor("anna")
    open_form(anna, item)
    earlier = EditPresence.objects.get().last_seen - datetime.timedelta(seconds=100)
    EditPresence.objects.update(last_seen=earlier)
    assert heartbeat(anna, item) == {"state": "holding", "notice": ""}
    assert EditPresence.objects.get().last_seen > earlier
    assert "Someone else is editing" in open_form(editor("petr"), item).content.decode()


def test_taking_over_opens_the_form_and_the_first_editor_hears_it_on_the_next_heartbeat(item):
    anna, petr = editor("anna"), editor("petr")
    open_form(anna, item)
    open_form(petr, item)
    response = petr.post(url(item, "take-over"))
    assert response.status_code == 302 and response["Location"] == url(item)
    html = open_form(petr, item).content.decode()
    assert 'name="title_en"' in html and "Someone else is editing" not in html
    answer = heartbeat(anna, item)
    assert answer["state"] == "taken_over"
    assert answer["notice"].startswith("petr took this item over at ")
    assert "your save will be refused" in answer["notice"]


def test_after_a_take_over_the_first_editors_form_reopens_read_only_naming_the_new_editor(item):
    anna, petr = editor("anna"), editor("petr")
    open_form(anna, item)
    petr.post(url(item, "take-over"))
    html = open_form(anna, item).content.decode()
    assert "petr (opened it at" in html and 'name="title_en"' not in html


def test_a_stale_save_after_a_take_over_is_still_refused(item):
    anna, petr = editor("anna"), editor("petr")
    opened = form_data(open_form(anna, item), lead_en="Anna's lead.")
    petr.post(url(item, "take-over"))
    with translation.override("en"):
        saved = petr.post(url(item), form_data(open_form(petr, item), lead_en="Petr's lead."))
        refused = anna.post(url(item), opened)
    assert saved.status_code == 302
    assert refused.status_code == 200 and "petr saved this item at" in refused.content.decode()
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Petr's lead."


def test_two_people_who_opened_the_item_at_the_same_moment_are_told_of_each_other(item):
    anna = editor("anna")
    open_form(anna, item)
    # Petr's form opened in the same instant, before Anna's presence was stored.
    edit_presence.hold(item, user_in("Editor", "petr"))
    answer = heartbeat(anna, item)
    assert answer["state"] == "shared" and answer["notice"].startswith("petr (since ")


def test_a_heartbeat_after_the_presence_ended_says_who_holds_the_item_now(item):
    anna, petr = editor("anna"), editor("petr")
    open_form(anna, item)
    EditPresence.objects.update(last_seen=EditPresence.objects.get().last_seen - edit_presence.EXPIRES_AFTER)
    open_form(petr, item)
    answer = heartbeat(anna, item)
    assert answer["state"] == "held" and answer["notice"].startswith("petr (since ")
    assert [p.user.username for p in EditPresence.objects.all()] == ["petr"]


def test_saving_and_leaving_the_page_end_the_presence(item):
    anna = editor("anna")
    with translation.override("en"):
        response = anna.post(url(item), form_data(open_form(anna, item), lead_en="Saved."))
    assert response.status_code == 302 and not EditPresence.objects.exists()
    page = open_form(anna, item).context["edit_presence"]["page"]
    assert anna.post(url(item, "presence/release"), {"page": page}).status_code == 204
    assert not EditPresence.objects.exists()


def test_saving_a_draft_of_a_published_item_keeps_the_editor_on_the_form_and_the_presence(item):
    NewsItem.objects.filter(pk=item.pk).update(status=Status.PUBLISHED)
    anna = editor("anna")
    with translation.override("en"):
        response = anna.post(url(item), form_data(open_form(anna, item), lead_en="A draft."))
    assert response.status_code == 302 and response["Location"] == url(item)
    assert [p.user.username for p in EditPresence.objects.all()] == ["anna"]
    assert NewsItem.objects.get(pk=item.pk).lead_en == "An anniversary."


def test_a_page_left_after_its_reload_releases_nothing(item):
    anna = editor("anna")
    first = open_form(anna, item).context["edit_presence"]["page"]
    second = open_form(anna, item).context["edit_presence"]["page"]
    # The browser leaves the first page once the reloaded one has arrived.
    assert anna.post(url(item, "presence/release"), {"page": first}).status_code == 204
    assert EditPresence.objects.get().page == second != first
    assert "Someone else is editing" in open_form(editor("petr"), item).content.decode()


def test_the_presence_urls_take_only_csrf_protected_posts_from_people_who_may_change_the_item(item):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(user_in("Editor", "anna"))
    assert strict.post(url(item, "presence")).status_code == 403
    assert strict.post(url(item, "take-over")).status_code == 403
    assert editor("petr").get(url(item, "presence")).status_code == 405
    reader = Client()
    reader.force_login(User.objects.create_user("visitor", is_staff=True))
    for action in ("presence", "presence/release", "take-over"):
        assert reader.post(url(item, action)).status_code == 403
    assert Client().post(url(item, "presence")).status_code == 302
    assert not EditPresence.objects.exists()


def test_the_list_marks_an_item_someone_else_is_editing(item):
    anna, petr = editor("anna"), editor("petr")
    open_form(anna, item)
    with translation.override("en"):
        seen_by_petr = petr.get("/admin/news/newsitem/").content.decode()
        seen_by_anna = anna.get("/admin/news/newsitem/").content.decode()
    assert "Being edited" in seen_by_petr and '<span class="being-edited">by anna</span>' in seen_by_petr
    assert "being-edited" not in seen_by_anna
