"""The publishing workflow: drafts of live items, restores as drafts, states, review and hand-off,
the e-mails it sends and the admin's home page."""

import datetime
import json

import pytest
from django.contrib.auth.models import User
from django.utils import timezone, translation

from core import item_state, workflow
from core.models import AdminPreferences, ContentVersion, Draft, Stage, Status, WorkflowEvent
from core.public_cache import content_version
from news.models import NewsItem
from programmes.models import Organisation, Project, ProjectResult
from testing.admin_support import form_data, sample_content, user_in
from testing.throwaway import free_port

pytestmark = pytest.mark.django_db


def change_url(item):
    return f"/admin/{item._meta.app_label}/{item._meta.model_name}/{item.pk}/change/"


def signed_in(client, role, username=None, **fields):
    user = user_in(role, username)
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    client.force_login(user)
    return user


def save(client, item, button="_save", **changes):
    with translation.override("en"):
        page = client.get(change_url(item))
        return client.post(change_url(item), {**form_data(page, **changes), button: ["Save"]})


def step(client, item, name, **data):
    with translation.override("en"):
        return client.post(change_url(item).replace("/change/", "/workflow/"), {"step": name, **data})


def test_an_items_state_is_json_and_comes_back_whole_with_rows_and_relations():
    project = sample_content()["project"]
    before = item_state.capture(project)
    assert json.loads(json.dumps(before)) == before
    assert before["fields"]["title_uk"] == "Проєкт повернення" and "status" not in before["fields"]
    assert before["rows"]["results"][0]["label_en"] == "people returned"
    assert before["relations"]["funders"] == [Organisation.objects.get().pk]
    partner = Organisation.objects.create(name_en="Ministry of the Interior", kind="ministry")
    project.title_cs = "Projekt návratů"
    project.save()
    project.results.update(value=900)
    ProjectResult.objects.create(project=project, label_en="towns", value=3)
    project.partners.add(partner)
    token = content_version()
    item_state.apply(project, before)
    project = Project.objects.get(pk=project.pk)
    assert item_state.capture(project) == before
    assert project.title_cs is None and project.partners.count() == 0
    assert content_version() != token


def test_an_editors_save_of_a_live_item_is_a_draft_and_the_public_page_stays_as_it_was(client):
    item = sample_content()["newsitem"]
    public = client.get(item.get_absolute_url()).content.decode()
    editor = signed_in(client, "Editor")
    response = save(client, item, lead_en="A half-finished correction.", title_cs="25 let IOM v Česku")
    assert response.status_code == 302 and response["Location"] == change_url(item)
    item.refresh_from_db()
    assert (item.lead_en, item.title_cs, item.updated_by) == ("An anniversary.", "25 let v Česku", None)
    draft = workflow.draft_of(item)
    assert draft.state["fields"]["lead_en"] == "A half-finished correction." and draft.saved_by == editor
    client.logout()
    assert client.get(item.get_absolute_url()).content.decode() == public
    client.force_login(editor)
    with translation.override("en"):
        page = client.get(change_url(item))
    html = page.content.decode()
    assert page.context["adminform"].form["lead_en"].value() == "A half-finished correction."
    assert "A newer draft exists (saved by editor" in html and "Live with a newer draft" in html
    assert 'name="_save_draft"' in html and "Save and publish" not in html


def test_a_draft_holds_inline_rows_and_relations_and_publishing_makes_them_live(client):
    content = sample_content()
    project = content["project"]
    partner = Organisation.objects.create(name_en="Ministry of the Interior", kind="ministry")
    signed_in(client, "Editor")
    changes = {
        "partners": [str(partner.pk)],
        "results-0-value": "900",
        "results-TOTAL_FORMS": "2",
        "results-1-label_en": "municipalities",
        "results-1-value": "100",
        "results-1-order": "1",
        "results-1-qualifier": "",
    }
    assert save(client, project, **changes).status_code == 302
    assert list(project.results.values_list("value", flat=True)) == [800]
    assert project.partners.count() == 0
    # The form opened on the draft shows its rows, and a second save keeps them.
    assert save(client, project, **{"results-0-label_cs": "navrácených osob"}).status_code == 302
    state = workflow.draft_of(project).state
    assert [row["label_cs"] for row in state["rows"]["results"]] == ["navrácených osob", None]
    workflow.publish(project, user_in("Publisher"))
    project.refresh_from_db()
    assert sorted(project.results.values_list("label_en", "value")) == [
        ("municipalities", 100),
        ("people returned", 900),
    ]
    assert list(project.partners.all()) == [partner] and not Draft.objects.exists()


def test_discarding_a_draft_leaves_the_live_version_and_says_who_did(client):
    item = sample_content()["newsitem"]
    signed_in(client, "Editor")
    save(client, item, lead_en="Not this.")
    response = step(client, item, "discard")
    assert response.status_code == 302 and not Draft.objects.exists()
    item.refresh_from_db()
    assert item.lead_en == "An anniversary."
    assert workflow.events_of(item).first().action == WorkflowEvent.Action.DISCARDED


def test_of_two_editors_drafting_one_live_item_the_later_save_is_refused(client):
    item = sample_content()["newsitem"]
    other = User.objects.create_user("other", password="x", is_staff=True)
    other.groups.add(*user_in("Editor", "first").groups.all())
    signed_in(client, "Editor", "second")
    with translation.override("en"):
        stale = form_data(client.get(change_url(item)), lead_en="Second's text.")
    client.force_login(User.objects.get(username="first"))
    # Second has the item open (the soft lock): first takes it over to get a form to edit.
    client.post(f"/admin/news/newsitem/{item.pk}/take-over/")
    save(client, item, lead_en="First's text.")
    client.force_login(User.objects.get(username="second"))
    with translation.override("en"):
        response = client.post(change_url(item), stale)
    assert response.status_code == 200
    assert "first saved this item at" in " ".join(response.context["adminform"].form.non_field_errors())
    assert workflow.draft_of(item).state["fields"]["lead_en"] == "First's text."


def test_a_publisher_chooses_between_saving_a_draft_and_publishing_at_once(client):
    item = sample_content()["newsitem"]
    signed_in(client, "Publisher")
    with translation.override("en"):
        html = client.get(change_url(item)).content.decode()
    assert "Save and publish" in html and 'name="_save_draft"' in html
    save(client, item, button="_save_draft", lead_en="Kept for later.")
    assert NewsItem.objects.get(pk=item.pk).lead_en == "An anniversary."
    save(client, item, title_en="Published title")
    item.refresh_from_db()
    assert (item.lead_en, item.title_en) == ("Kept for later.", "Published title")
    assert not Draft.objects.exists()
    assert workflow.events_of(item).first().action == WorkflowEvent.Action.PUBLISHED


def test_a_restore_makes_a_draft_with_the_rows_and_relations_of_that_revision(client):
    project = sample_content()["project"]
    funder = project.funders.get()
    client.force_login(User.objects.create_superuser("chief", password="x"))
    assert save(client, project, title_en="First").status_code in (302, 200)
    first = project.history.latest()
    other = Organisation.objects.create(name_en="Norway Grants", kind="government")
    save(client, project, title_en="Second", funders=[str(other.pk)], **{"results-0-DELETE": "on"})
    project.refresh_from_db()
    assert (project.title_en, list(project.funders.all()), project.results.count()) == ("Second", [other], 0)
    url = f"/admin/programmes/project/{project.pk}/history/{first.history_id}/"
    with translation.override("en"):
        screen = client.get(url)
        html = screen.content.decode()
        assert "restores this revision as a draft" in html and "its results as they were then" in html
        assert "readers keep seeing the live version" in html
        assert "status" not in screen.context["adminform"].form.fields
        response = client.post(url, form_data(screen))
    assert response.status_code == 302
    project.refresh_from_db()
    assert (project.title_en, project.status, project.results.count()) == ("Second", Status.PUBLISHED, 0)
    state = workflow.draft_of(project).state
    assert state["fields"]["title_en"] == "First" and state["relations"]["funders"] == [funder.pk]
    assert [row["label_en"] for row in state["rows"]["results"]] == ["people returned"]
    assert workflow.events_of(project).first().action == WorkflowEvent.Action.RESTORED


def test_staff_preview_the_draft_in_each_language_and_readers_never_see_it(client, admin_client):
    item = sample_content()["newsitem"]
    signed_in(client, "Editor")
    save(client, item, title_cs="Koncept titulku", title_uk="Чернетка заголовка")
    for code, text in (("cs", "Koncept titulku"), ("uk", "Чернетка заголовка")):
        with translation.override(code):
            url = item.get_absolute_url()
        preview = client.get(f"{url}?preview=draft")
        assert preview.status_code == 200 and text in preview.content.decode()
        assert "Preview of a draft" in preview.content.decode() or code != "en"
        assert "no-store" in preview["Cache-Control"]
        assert text not in client.get(url).content.decode()
    client.logout()
    with translation.override("cs"):
        url = item.get_absolute_url()
    assert "Koncept titulku" not in client.get(f"{url}?preview=draft").content.decode()
    assert NewsItem.objects.get(pk=item.pk).title_cs == "25 let v Česku"


def test_one_status_in_the_list_column_filter_and_form():
    content = sample_content()
    news = content["newsitem"]
    assert workflow.state_of(news) == workflow.ItemState.LIVE
    scheduled = NewsItem.objects.create(
        title_en="Later",
        lead_en="Soon.",
        status=Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=1),
    )
    draft = NewsItem.objects.create(title_en="Idea", lead_en="Maybe.")
    assert workflow.state_of(scheduled) == workflow.ItemState.SCHEDULED
    assert str(workflow.state_label(scheduled)).startswith("Scheduled for ")
    assert workflow.state_of(draft) == workflow.ItemState.DRAFT
    editor = user_in("Editor")
    workflow.submit(draft, editor, "Please check.")
    workflow.save_draft(news, item_state.capture(news), editor)
    assert workflow.state_of(draft, workflow.draft_of(draft)) == workflow.ItemState.REVIEW
    assert workflow.state_of(news, workflow.draft_of(news)) == workflow.ItemState.LIVE_DRAFT
    everything = NewsItem.objects.all()
    for state, expected in (
        ("draft", []),
        ("review", [draft]),
        ("scheduled", [scheduled]),
        ("live", []),
        ("live_draft", [news]),
    ):
        assert list(workflow.in_state(everything, state)) == expected, state


def test_the_list_shows_the_state_and_filters_by_it(client):
    sample_content()
    NewsItem.objects.create(title_en="Idea", lead_en="Maybe.")
    signed_in(client, "Publisher")
    with translation.override("en"):
        listing = client.get("/admin/news/newsitem/").content.decode()
        drafts = client.get("/admin/news/newsitem/?state=draft")
    assert '<th scope="col" class="column-item_state">' in listing and ">Live</td>" in listing
    assert [str(item) for item in drafts.context["cl"].result_list] == ["Idea"]


def test_the_publication_time_is_one_picker_in_the_editors_time_zone(client):
    item = sample_content()["newsitem"]
    publisher = signed_in(client, "Publisher")
    with translation.override("en"):
        html = client.get(change_url(item)).content.decode()
        assert 'type="datetime-local" name="published_at"' in html and "Europe/Prague" in html
        AdminPreferences.objects.create(user=publisher, time_zone="America/New_York")
        html = client.get(change_url(item)).content.decode()
        assert "Date and time in America/New_York" in html
        save(client, item, published_at="2030-06-01T09:00")
    item.refresh_from_db()
    assert item.published_at == datetime.datetime(2030, 6, 1, 13, 0, tzinfo=datetime.UTC)


def test_the_hand_off_from_editor_to_publisher_with_comments_events_and_e_mails(
    client, smtp, django_capture_on_commit_callbacks
):
    item = sample_content()["newsitem"]
    publisher = user_in("Publisher")
    publisher.email = "publisher@example.org"
    publisher.save()
    editor = signed_in(client, "Editor", email="editor@example.org")
    save(client, item, lead_en="Corrected.")
    with django_capture_on_commit_callbacks(execute=True):
        step(client, item, "submit", comment="Please publish before noon.")
    assert workflow.draft_of(item).stage == Stage.REVIEW
    ((recipients, message),) = smtp.wait_for(1)
    assert recipients == ["publisher@example.org"] and "Awaiting publication" in message["Subject"]
    body = smtp.body(message)
    assert "editor submitted the news item" in body and "Please publish before noon." in body
    assert f"/admin/news/newsitem/{item.pk}/change/" in body
    # An Editor cannot publish or send back.
    assert step(client, item, "publish").status_code == 403
    client.force_login(publisher)
    with translation.override("en"):
        home = client.get("/admin/").content.decode()
    assert "Awaiting publication" in home and "Please publish before noon." in home and "?state=review" in home
    with django_capture_on_commit_callbacks(execute=True):
        assert step(client, item, "send_back", comment="").status_code == 302
        assert workflow.draft_of(item).stage == Stage.REVIEW
        step(client, item, "send_back", comment="Name the minister.")
    assert workflow.draft_of(item).stage == Stage.RETURNED
    returned = smtp.wait_for(2)[1]
    assert returned[0] == ["editor@example.org"] and "Name the minister." in smtp.body(returned[1])
    client.force_login(editor)
    with translation.override("en"):
        page = client.get(change_url(item)).content.decode()
    assert "Sent back with this comment:" in page and "Name the minister." in page
    save(client, item, lead_en="Corrected, with the minister.")
    step(client, item, "submit", comment="Done.")
    client.force_login(publisher)
    with django_capture_on_commit_callbacks(execute=True):
        step(client, item, "publish", comment="Thanks.")
    item.refresh_from_db()
    assert item.lead_en == "Corrected, with the minister." and not Draft.objects.exists()
    assert "Published" in smtp.wait_for(4)[-1][1]["Subject"]
    actions = [event.action for event in workflow.events_of(item).order_by("time", "pk")]
    assert actions == ["draft_saved", "submitted", "returned", "draft_saved", "submitted", "published"]
    with translation.override("en"):
        history = client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    assert "Drafts, review and publication" in history and "Name the minister." in history


def test_e_mails_go_out_only_after_commit_and_in_the_recipients_language(
    client, smtp, django_capture_on_commit_callbacks, monkeypatch
):
    item = NewsItem.objects.create(title_en="New", lead_en="Lead.")
    publisher = user_in("Publisher")
    publisher.email = "vydavatel@example.org"
    publisher.save()
    AdminPreferences.objects.create(user=publisher, language="cs")
    monkeypatch.setattr(workflow.notifications, "publishers_of", lambda model, besides=None: [publisher])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        workflow.submit(item, user_in("Editor"), "")
    assert smtp.messages == [] and len(callbacks) == 1
    callbacks[0]()
    ((_recipients, message),) = smtp.wait_for(1)
    assert message["Subject"].startswith("Čeká na zveřejnění")


def test_a_publisher_schedules_a_new_item_and_a_live_items_draft(client):
    content = sample_content()
    item = NewsItem.objects.create(title_en="Release", lead_en="Embargoed.")
    signed_in(client, "Publisher")
    step(client, item, "publish", publish_at="2030-01-02T08:30")
    item.refresh_from_db()
    assert (item.status, item.published_at) == (
        Status.PUBLISHED,
        datetime.datetime(2030, 1, 2, 7, 30, tzinfo=datetime.UTC),
    )
    assert workflow.state_of(item) == workflow.ItemState.SCHEDULED
    live = content["newsitem"]
    save(client, live, button="_save_draft", lead_en="Later.")
    step(client, live, "publish", publish_at="2030-01-02T08:30")
    assert NewsItem.objects.get(pk=live.pk).lead_en == "An anniversary."
    assert workflow.draft_of(live).publish_at == datetime.datetime(2030, 1, 2, 7, 30, tzinfo=datetime.UTC)
    step(client, item, "publish", publish_at="tomorrow")


def test_the_admin_home_has_a_panel_per_stage_linking_to_filtered_lists(client):
    sample_content()
    NewsItem.objects.create(
        title_en="Embargoed",
        lead_en="Soon.",
        status=Status.PUBLISHED,
        published_at=timezone.now() + datetime.timedelta(days=3),
    )
    editor = signed_in(client, "Editor")
    NewsItem.objects.create(title_en="My idea", lead_en="Maybe.", updated_by=editor)
    with translation.override("en"):
        html = client.get("/admin/").content.decode()
        mine = client.get("/admin/news/newsitem/?state=mine")
    for title in ("My drafts", "Awaiting publication", "Scheduled next", "Recently published"):
        assert title in html
    assert "Translations missing or outdated" in html and "?translation=cs-missing" in html
    assert "My idea" in html and "Embargoed" in html and "?state=scheduled" in html and "?state=mine" in html
    assert [str(item) for item in mine.context["cl"].result_list] == ["My idea"]


def test_saving_and_restoring_change_no_public_content_version(client):
    item = sample_content()["newsitem"]
    token = ContentVersion.objects.get().token
    signed_in(client, "Editor")
    save(client, item, lead_en="Quiet.")
    step(client, item, "submit", comment="")
    assert ContentVersion.objects.get().token == token
    workflow.publish(item, user_in("Publisher"))
    assert ContentVersion.objects.get().token != token


def test_a_translator_drafts_and_submits_but_cannot_discard_or_publish(client):
    item = sample_content()["newsitem"]
    signed_in(client, "Translator")
    assert save(client, item, title_uk="Нова назва").status_code == 302
    assert NewsItem.objects.get(pk=item.pk).title_uk == "25 років у Чехії"
    with translation.override("en"):
        html = client.get(change_url(item)).content.decode()
    assert "Submit for review" in html and "Discard draft" not in html and "Publish the draft" not in html
    assert step(client, item, "discard").status_code == 403
    assert step(client, item, "publish").status_code == 403
    step(client, item, "submit", comment="Ukrainian title updated.")
    assert workflow.draft_of(item).stage == Stage.REVIEW


def test_deleting_an_item_takes_its_draft_and_steps_with_it():
    item = sample_content()["newsitem"]
    editor = user_in("Editor")
    workflow.save_draft(item, item_state.capture(item), editor)
    workflow.submit(item, editor, "")
    item.delete()
    assert not Draft.objects.exists() and not WorkflowEvent.objects.exists()


def test_a_mail_relay_that_refuses_loses_no_step_and_is_logged(
    settings, caplog, django_capture_on_commit_callbacks, monkeypatch
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens there
    item = NewsItem.objects.create(title_en="New", lead_en="Lead.")
    publisher = user_in("Publisher")
    publisher.email = "publisher@example.org"
    publisher.save()
    monkeypatch.setattr(workflow.notifications, "publishers_of", lambda model, besides=None: [publisher])
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(item, user_in("Editor"), "Please check.")
    assert workflow.state_of(item, workflow.draft_of(item)) == workflow.ItemState.REVIEW
    assert WorkflowEvent.objects.filter(action="submitted").count() == 1
    (record,) = [r for r in caplog.records if r.name == "core.notifications"]
    assert "publisher@example.org" in record.getMessage() and "was not sent" in record.getMessage()
