"""The editorial roles, each enforced by the admin on the server, not only by hidden buttons."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from core import workflow
from core.models import Status
from news.models import NewsItem
from programmes.models import Programme
from testing.admin_support import form_data, sample_content, user_in

pytestmark = pytest.mark.django_db

NEWS = "/admin/news/newsitem/"


def signed_in(client, role):
    client.force_login(user_in(role))
    return client


def change_url(item):
    return f"{NEWS}{item.pk}/change/"


def publish_draft(item):
    """A Publisher publishes the item's draft (core.workflow); the item as it is then."""
    workflow.publish(item, user_in("Publisher", "the-publisher"))
    return type(item).objects.get(pk=item.pk)


def test_the_data_migration_creates_the_four_roles():
    roles = {group.name: group for group in Group.objects.all()}
    assert {"Editor", "Translator", "Publisher", "Administrator"} <= set(roles)
    assert roles["Publisher"].permissions.filter(codename="publish_newsitem").exists()
    assert not roles["Editor"].permissions.filter(codename__startswith="publish_").exists()
    assert not roles["Translator"].permissions.filter(codename__startswith="add_").exists()


def test_an_editor_writes_a_draft_but_a_crafted_post_cannot_publish_it(client):
    signed_in(client, "Editor")
    with translation.override("en"):
        page = client.get(f"{NEWS}add/")
        assert "status" not in page.context["adminform"].form.fields
        data = form_data(page, title_en="Draft", lead_en="Lead.", status="published", published_at="2020-01-01T10:00")
        response = client.post(f"{NEWS}add/", data)
    assert response.status_code == 302
    item = NewsItem.objects.get()
    assert item.status == Status.DRAFT
    assert item.published_at > timezone.now() - datetime.timedelta(minutes=5)


def test_an_editor_changes_the_text_of_a_published_item_but_not_its_status_or_date(client):
    item = sample_content()["newsitem"]
    published_at = item.published_at
    signed_in(client, "Editor")
    with translation.override("en"):
        page = client.get(change_url(item))
        data = form_data(page, lead_en="A corrected lead.", status="draft", published_at_0="2030-01-01")
        response = client.post(change_url(item), data)
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.lead_en, item.status, item.published_at) == ("An anniversary.", Status.PUBLISHED, published_at)
    item = publish_draft(item)
    assert (item.lead_en, item.status, item.published_at) == ("A corrected lead.", Status.PUBLISHED, published_at)


def test_an_editor_is_offered_no_publishing_actions_and_cannot_run_them_or_delete(client):
    item = sample_content()["newsitem"]
    NewsItem.objects.filter(pk=item.pk).update(status=Status.DRAFT)
    signed_in(client, "Editor")
    with translation.override("en"):
        changelist = client.get(NEWS)
        client.post(NEWS, {"action": "publish_now", "_selected_action": [item.pk]})
        delete = client.get(f"{NEWS}{item.pk}/delete/")
    assert "publish_now" not in changelist.content.decode()
    assert NewsItem.objects.get(pk=item.pk).status == Status.DRAFT
    assert delete.status_code == 403


def test_an_editor_may_remove_a_result_row_while_editing_a_project(client):
    project = sample_content()["project"]
    signed_in(client, "Editor")
    url = f"/admin/programmes/project/{project.pk}/change/"
    with translation.override("en"):
        response = client.post(url, form_data(client.get(url), **{"results-0-DELETE": "on"}))
    assert response.status_code == 302
    assert project.results.exists()
    publish_draft(project)
    assert not project.results.exists()


def test_a_translator_edits_only_czech_and_ukrainian_of_existing_items(client):
    item = sample_content()["newsitem"]
    signed_in(client, "Translator")
    with translation.override("en"):
        assert client.get(f"{NEWS}add/").status_code == 403
        assert client.get(f"{NEWS}{item.pk}/delete/").status_code == 403
        page = client.get(change_url(item))
        fields = page.context["adminform"].form.fields
        assert {"title_cs", "lead_uk", "body_uk"} <= set(fields)
        assert not {"title_en", "lead_en", "kind", "status", "published_at", "key"} & set(fields)
        data = form_data(page, title_cs="25 let IOM v Česku", title_en="Hacked", kind="story", status="draft")
        response = client.post(change_url(item), data)
    assert response.status_code == 302
    assert NewsItem.objects.get(pk=item.pk).title_cs == "25 let v Česku"
    item = publish_draft(item)
    assert (item.title_cs, item.title_en, item.kind, item.status) == (
        "25 let IOM v Česku",
        "25 years in Czechia",
        "news",
        Status.PUBLISHED,
    )


def test_a_problem_in_english_that_a_translator_cannot_fix_is_shown_not_a_server_error(client):
    item = NewsItem.objects.create(title_en="No lead yet", title_cs="Bez perexu", lead_cs="Perex.")
    signed_in(client, "Translator")
    with translation.override("en"):
        response = client.post(change_url(item), form_data(client.get(change_url(item)), title_uk="Без ліду"))
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors() == [
        "Lead [en]: Required for English, because other English fields are filled in."
    ]
    assert response.context["adminform"].form.errors["lead_uk"]


def test_a_translator_cannot_change_source_fields_of_inline_rows(client):
    project = sample_content()["project"]
    signed_in(client, "Translator")
    url = f"/admin/programmes/project/{project.pk}/change/"
    with translation.override("en"):
        page = client.get(url)
        data = form_data(page, **{"results-0-label_cs": "navrácených osob", "results-0-value": "1"})
        data["results-0-label_en"] = ["changed"]
        response = client.post(url, data)
    assert response.status_code == 302
    assert project.results.get().label_cs is None
    publish_draft(project)
    result = project.results.get()
    assert (result.label_cs, result.label_en, result.value) == ("navrácených osob", "people returned", 800)


def test_a_publisher_publishes_and_unpublishes_with_the_list_actions(client):
    item = sample_content()["newsitem"]
    later = timezone.now() + datetime.timedelta(days=2)
    NewsItem.objects.filter(pk=item.pk).update(status=Status.DRAFT, published_at=later)
    signed_in(client, "Publisher")
    with translation.override("en"):
        assert "publish_now" in client.get(NEWS).content.decode()
        client.post(NEWS, {"action": "publish_now", "_selected_action": [item.pk]})
        item.refresh_from_db()
        assert item.is_live and item.updated_by.username == "publisher"
        client.post(NEWS, {"action": "unpublish", "_selected_action": [item.pk]})
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_a_publisher_schedules_an_item_for_a_future_time_given_in_prague_time(client):
    programme = sample_content()["programme"]
    signed_in(client, "Publisher")
    url = f"/admin/programmes/programme/{programme.pk}/change/"
    with translation.override("en"):
        data = form_data(client.get(url), status="published", published_at="2030-06-01T09:00")
        response = client.post(url, data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.published_at == datetime.datetime(2030, 6, 1, 7, 0, tzinfo=datetime.UTC)
    assert list(Programme.objects.scheduled()) == [programme]


def test_an_administrator_may_do_everything_including_managing_users(client):
    item = sample_content()["newsitem"]
    signed_in(client, "Administrator")
    with translation.override("en"):
        assert client.get("/admin/auth/user/").status_code == 200
        assert "status" in client.get(change_url(item)).context["adminform"].form.fields
        response = client.post(f"{NEWS}{item.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not NewsItem.objects.exists()


def test_staff_without_a_role_see_no_content(client, django_user_model):
    sample_content()
    client.force_login(django_user_model.objects.create_user("nobody", password="x", is_staff=True))
    with translation.override("en"):
        assert client.get(NEWS).status_code == 403


@pytest.mark.django_db
def test_the_roles_hold_exactly_the_permissions_of_the_content_models_and_none_of_their_revisions():
    from django.contrib.auth.models import Group

    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    models = ("organisation", "programme", "project", "projectresult", "director", "milestone", "keyfigure")
    expected = {f"{action}_{name}" for action in ("view", "add", "change") for name in (*models, "newsitem")}
    assert editor == expected | {"delete_projectresult"}
    publisher = set(Group.objects.get(name="Publisher").permissions.values_list("codename", flat=True))
    assert {"publish_newsitem", "publish_programme", "publish_project", "publish_milestone"} <= publisher
    assert not any("historical" in codename for codename in editor | publisher)
