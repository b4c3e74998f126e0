"""A live item's draft scheduled by a Publisher: kept with its time, shown as scheduled, published
by the first request after that time (no cron), once, and cancelled by a change a Publisher did not
make."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import translation

from core import item_state, workflow
from core.models import ContentVersion, Draft, EditPresence, Stage, WorkflowEvent
from core.public_cache import read_next_publications
from core.tests.test_page_cache import move_clock_to
from core.tests.test_workflow import change_url, save, signed_in, step
from news.models import NewsItem
from testing.admin_support import sample_content, user_in

pytestmark = pytest.mark.django_db

# 08:30 in Prague (the admin's time zone) on 2 January 2030 is 07:30 UTC.
PICKED = "2030-01-02T08:30"
DUE = datetime.datetime(2030, 1, 2, 7, 30, tzinfo=datetime.UTC)


def scheduled_draft(client):
    """The sample news item with an Editor's draft that a Publisher scheduled for DUE."""
    item = sample_content()["newsitem"]
    signed_in(client, "Editor")
    save(client, item, lead_en="Corrected, with the minister.")
    EditPresence.objects.all().delete()  # the Editor has left the form
    signed_in(client, "Publisher")
    step(client, item, "publish", publish_at=PICKED, comment="Embargoed until the press conference.")
    return item


def on_time(item):
    return workflow.events_of(item).filter(action=WorkflowEvent.Action.PUBLISHED_ON_TIME)


def test_a_publisher_schedules_a_live_items_draft_and_every_admin_view_says_so(client):
    item = scheduled_draft(client)
    draft = workflow.draft_of(item)
    assert draft.publish_at == DUE and draft.state["fields"]["lead_en"] == "Corrected, with the minister."
    assert NewsItem.objects.get(pk=item.pk).lead_en == "An anniversary."
    assert workflow.events_of(item).first().action == WorkflowEvent.Action.SCHEDULED
    label = "Live with a newer draft scheduled for Jan. 2, 2030, 8:30 a.m. (Europe/Prague)"
    with translation.override("en"):
        page = client.get(change_url(item)).content.decode()
        scheduled = client.get("/admin/news/newsitem/?state=scheduled")
        with_draft = client.get("/admin/news/newsitem/?state=live_draft")
        home = client.get("/admin/").content.decode()
    assert workflow.state_label(item, draft) == label
    assert "Live with a newer draft scheduled for" in page and "The draft goes live by itself at" in page
    assert [obj.pk for obj in scheduled.context["cl"].result_list] == [item.pk]
    assert "Live with a newer draft scheduled for" in scheduled.content.decode()
    assert list(with_draft.context["cl"].result_list) == []
    panel = home.split("Scheduled next", 1)[1].split("Recently published", 1)[0]
    assert "25 years in Czechia" in panel


def test_the_first_request_after_its_time_publishes_the_draft_once_and_the_page_cache_serves_it(client, monkeypatch):
    item = scheduled_draft(client)
    client.logout()
    url = item.get_absolute_url()
    move_clock_to(monkeypatch, DUE - datetime.timedelta(seconds=20))
    client.get(url)
    before = client.get(url)
    assert "An anniversary." in before.content.decode()
    # The page cache and the CDN keep the page only until the draft's time.
    assert before["Cache-Control"] == "public, max-age=0, s-maxage=20"
    assert read_next_publications()["news.NewsItem"] == DUE
    token = ContentVersion.objects.get().token

    move_clock_to(monkeypatch, DUE + datetime.timedelta(seconds=1))
    after = client.get(url).content.decode()
    assert "Corrected, with the minister." in after and "An anniversary." not in after
    assert ContentVersion.objects.get().token != token
    assert not Draft.objects.exists()
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Corrected, with the minister."
    (event,) = on_time(item)
    assert event.user is None and event.get_action_display() == "published at its scheduled time"

    client.get(url)
    client.get("/admin/login/")
    assert workflow.publish_due() == 0 and on_time(item).count() == 1


def test_an_admin_request_publishes_a_due_draft_too(client, monkeypatch):
    item = scheduled_draft(client)
    move_clock_to(monkeypatch, DUE + datetime.timedelta(minutes=5))
    client.get("/admin/")  # the session has expired by then: the login page is asked for
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Corrected, with the minister." and on_time(item).count() == 1


def test_a_draft_is_not_published_before_its_time():
    item = sample_content()["newsitem"]
    publisher = user_in("Publisher")
    state = item_state.capture(item)
    state["fields"]["lead_en"] = "Later."
    workflow.save_draft(item, state, publisher, publisher=True)
    workflow.publish(item, publisher, when=DUE)
    assert workflow.publish_due(DUE - datetime.timedelta(seconds=1)) == 0
    assert NewsItem.objects.get(pk=item.pk).lead_en == "An anniversary."
    assert workflow.publish_due(DUE) == 1 and workflow.publish_due(DUE) == 0
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Later."


def test_an_editor_cannot_schedule_and_an_editors_change_cancels_the_schedule(client):
    item = scheduled_draft(client)
    signed_in(client, "Editor", "second-editor")
    assert step(client, item, "publish", publish_at="2031-01-01T10:00").status_code == 403
    assert workflow.draft_of(item).publish_at == DUE
    EditPresence.objects.all().delete()
    response = save(client, item, lead_en="Corrected again.")
    with translation.override("en"):
        page = client.get(response["Location"]).content.decode()
    assert "Its scheduled publication was cancelled" in page
    draft = workflow.draft_of(item)
    assert (draft.publish_at, draft.stage, draft.state["fields"]["lead_en"]) == (None, Stage.REVIEW, "Corrected again.")
    assert workflow.state_of(item, draft) == workflow.ItemState.LIVE_DRAFT
    assert workflow.events_of(item).first().action == WorkflowEvent.Action.SUBMITTED
    assert workflow.publish_due(DUE + datetime.timedelta(days=1)) == 0


def test_a_publishers_draft_save_keeps_the_schedule_and_publish_now_or_discard_clear_it(client):
    item = scheduled_draft(client)
    save(client, item, button="_save_draft", lead_en="Corrected by the Publisher.")
    draft = workflow.draft_of(item)
    assert (draft.publish_at, draft.state["fields"]["lead_en"]) == (DUE, "Corrected by the Publisher.")
    step(client, item, "publish")
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Corrected by the Publisher." and not Draft.objects.exists()

    save(client, item, button="_save_draft", lead_en="Another change.")
    step(client, item, "publish", publish_at=PICKED)
    assert workflow.draft_of(item).publish_at == DUE
    step(client, item, "discard")
    assert not Draft.objects.exists() and workflow.publish_due(DUE) == 0
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Corrected by the Publisher."


def test_scheduling_needs_a_draft(client):
    item = sample_content()["newsitem"]
    signed_in(client, "Publisher")
    with translation.override("en"):
        response = client.post(
            change_url(item).replace("/change/", "/workflow/"), {"step": "publish", "publish_at": PICKED}, follow=True
        )
    assert "There is no draft to schedule" in response.content.decode()
    assert not Draft.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_requests_at_the_same_moment_publish_a_due_draft_once():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row locks are PostgreSQL's")
    item = sample_content()["newsitem"]
    publisher = user_in("Publisher")
    state = item_state.capture(item)
    state["fields"]["lead_en"] = "Later."
    workflow.save_draft(item, state, publisher, publisher=True)
    workflow.publish(item, publisher, when=DUE)
    start = threading.Barrier(2)
    published = []

    def request():
        start.wait()
        try:
            published.append(workflow.publish_due(DUE))
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(published) == [0, 1] and on_time(item).count() == 1
    assert NewsItem.objects.get(pk=item.pk).lead_en == "Later."


def test_a_draft_that_cannot_be_applied_is_logged_and_the_site_keeps_answering(client, monkeypatch, caplog):
    item = scheduled_draft(client)
    client.logout()

    def broken(*args, **kwargs):
        raise ValueError("a field the draft names is gone")

    monkeypatch.setattr(item_state, "apply", broken)
    move_clock_to(monkeypatch, DUE + datetime.timedelta(seconds=1))
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200 and "An anniversary." in response.content.decode()
    assert workflow.draft_of(item).publish_at == DUE and not on_time(item).exists()
    assert "could not be published" in caplog.text
