import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from core.translation_status import State, outdated_fields, report, states
from news.models import NewsItem
from programmes.models import Organisation, Programme, Project, ProjectResult
from testing.admin_support import form_data, user_in

pytestmark = pytest.mark.django_db


def make_news():
    return NewsItem.objects.create(
        title_en="Office opens", lead_en="A lead.", title_cs="Kancelář otevřena", lead_cs="Perex.", key="opens"
    )


def test_a_new_item_is_complete_in_its_languages_and_missing_in_the_others():
    assert states(make_news()) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.MISSING}


def test_changing_the_english_text_makes_that_field_of_each_translation_outdated():
    item = make_news()
    item.title_en = "The office opens"
    item.save()
    item = NewsItem.objects.get(pk=item.pk)
    assert states(item)["cs"] == State.OUTDATED
    assert outdated_fields(item, "cs") == ["title"]
    assert outdated_fields(item, "en") == []


def test_saving_the_translation_again_brings_it_up_to_date():
    item = make_news()
    item.title_en = "The office opens"
    item.save()
    item.title_cs = "Kancelář se otevírá"
    item.save()
    assert states(NewsItem.objects.get(pk=item.pk))["cs"] == State.COMPLETE


def test_changing_english_and_its_translation_in_one_save_leaves_the_translation_complete():
    item = make_news()
    item.lead_en, item.lead_cs = "A new lead.", "Nový perex."
    item.save()
    assert states(item)["cs"] == State.COMPLETE


def test_a_changed_english_slug_does_not_make_a_translation_outdated():
    item = make_news()
    item.slug_en = "office-opened"
    item.save()
    assert states(item)["cs"] == State.COMPLETE


def test_a_translation_written_before_any_english_is_not_outdated_when_english_arrives():
    item = NewsItem.objects.create(title_uk="Офіс відкрито", lead_uk="Лід.")
    item.title_en, item.lead_en = "Office opens", "A lead."
    item.save()
    assert states(item) == {"en": State.COMPLETE, "cs": State.MISSING, "uk": State.COMPLETE}


def test_a_translation_loaded_without_a_note_of_its_source_becomes_outdated_when_english_changes():
    item = make_news()
    NewsItem.objects.filter(pk=item.pk).update(translation_sources={})
    item = NewsItem.objects.get(pk=item.pk)
    assert states(item)["cs"] == State.COMPLETE
    item.title_en = "The office opens"
    item.save()
    assert outdated_fields(NewsItem.objects.get(pk=item.pk), "cs") == ["title"]


def test_removing_a_translation_forgets_its_source():
    item = make_news()
    item.title_cs = item.lead_cs = None
    item.save()
    assert "cs" not in item.translation_sources
    assert states(item)["cs"] == State.MISSING


def test_the_report_counts_and_lists_missing_and_outdated_items_per_model_and_language():
    item = make_news()
    NewsItem.objects.filter(pk=item.pk).update(title_en="Changed")
    english_only = Organisation.objects.create(name_en="UNHCR", key="unhcr")
    entries = {(e.model._meta.label_lower, e.code): e for e in report([NewsItem, Organisation])}
    assert (entries["news.newsitem", "cs"].outdated, entries["news.newsitem", "cs"].complete) == ([item], 0)
    assert entries["news.newsitem", "uk"].missing == [item]
    assert entries["programmes.organisation", "cs"].missing == [english_only]
    assert entries["programmes.organisation", "en"].complete == 1


def test_the_admin_list_and_change_form_show_an_outdated_translation(admin_client):
    item = make_news()
    item.title_en = "The office opens"
    item.save()
    with translation.override("en"):
        changelist = admin_client.get("/admin/news/newsitem/")
        outdated = admin_client.get("/admin/news/newsitem/", {"translation": "cs-outdated"})
        change = admin_client.get(f"/admin/news/newsitem/{item.pk}/change/").content.decode()
    assert 'title="Czech: outdated">CS !<' in changelist.content.decode()
    assert list(outdated.context["cl"].queryset) == [item]
    assert "Czech: outdated English changed in: title" in change


def test_a_translator_marks_czech_as_up_to_date_after_a_minor_english_change(client):
    item = NewsItem.objects.create(
        title_en="Office opens",
        lead_en="A lead.",
        title_uk="Офіс відкрито",
        lead_uk="Лід.",
        title_cs="Kancelář",
        lead_cs="Perex.",
    )
    item.title_en = "Office opens!"
    item.save()
    client.force_login(user_in("Translator"))
    with translation.override("en"):
        assert "Mark Czech as up to date with the English" in client.get("/admin/news/newsitem/").content.decode()
        client.post("/admin/news/newsitem/", {"action": "mark_cs_up_to_date", "_selected_action": [item.pk]})
    item = NewsItem.objects.get(pk=item.pk)
    assert states(item) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.OUTDATED}
    assert (item.title_en, item.history.latest().history_user.username) == ("Office opens!", "translator")


def test_the_dashboard_lists_what_is_missing_or_outdated_with_links(admin_client):
    item = make_news()
    NewsItem.objects.filter(pk=item.pk).update(lead_en="Changed")
    with translation.override("en"):
        index = admin_client.get("/admin/").content.decode()
        page = admin_client.get("/admin/translations/").content.decode()
    assert 'href="/admin/translations/"' in index
    assert f'<a href="/admin/news/newsitem/{item.pk}/change/" class="translation-outdated">' in page
    assert f'<a href="/admin/news/newsitem/{item.pk}/change/" class="translation-missing">' in page
    assert 'href="/admin/news/newsitem/?translation=uk-missing"' in page


def test_the_dashboard_needs_a_staff_login(client):
    with translation.override("en"):
        response = client.get("/admin/translations/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_command_prints_the_table_and_the_items_to_do():
    item = make_news()
    NewsItem.objects.filter(pk=item.pk).update(title_en="Changed")
    out = io.StringIO()
    call_command("translation_status", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].split() == ["language", "model", "complete", "missing", "outdated"]
    assert ["cs", "news.newsitem", "0", "0", "1"] in [line.split() for line in lines]
    assert "cs outdated: news.newsitem opens (title)" in lines
    assert "uk missing: news.newsitem opens" in lines
    assert lines[-1] == "1 missing, 1 outdated"


@pytest.mark.parametrize(
    ("flag", "message"),
    [("--fail-on-missing", "1 translations are missing."), ("--fail-on-outdated", "1 translations are outdated.")],
)
def test_the_command_fails_on_missing_or_outdated_translations_when_asked(flag, message):
    item = make_news()
    NewsItem.objects.filter(pk=item.pk).update(title_en="Changed")
    with pytest.raises(CommandError, match=message):
        call_command("translation_status", flag, stdout=io.StringIO())


def test_the_command_passes_when_every_translation_is_complete():
    NewsItem.objects.create(title_en="A", lead_en="B", title_cs="C", lead_cs="D", title_uk="E", lead_uk="F")
    out = io.StringIO()
    call_command("translation_status", "--fail-on-missing", "--fail-on-outdated", stdout=out)
    assert out.getvalue().splitlines()[-1] == "0 missing, 0 outdated"


def make_project_with_an_english_only_result():
    """A project complete in every language whose one result is labelled only in English."""
    programme = Programme.objects.create(title_en="Return", summary_en="Going home.", key="return")
    project = Project.objects.create(
        programme=programme,
        key="returns",
        **{f"{field}_{code}": f"{field} {code}" for field in ("title", "summary") for code in ("en", "cs", "uk")},
    )
    ProjectResult.objects.create(project=project, label_en="people returned", value=800)
    return Project.objects.get(pk=project.pk)


def test_a_result_labelled_only_in_english_leaves_the_project_missing_in_czech_and_ukrainian():
    project = make_project_with_an_english_only_result()
    assert states(project) == {"en": State.COMPLETE, "cs": State.MISSING, "uk": State.MISSING}
    assert list(Project.objects.translated_in("cs")) == []
    assert list(Project.objects.translated_in("en")) == [project]


def test_labelling_the_result_makes_the_project_complete_in_that_language():
    project = make_project_with_an_english_only_result()
    project.results.update(label_cs="lidí se vrátilo")
    project = Project.objects.get(pk=project.pk)
    assert states(project) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.MISSING}
    assert list(Project.objects.translated_in("cs")) == [project]


def test_a_unit_given_in_english_is_needed_in_czech_too_but_a_result_without_unit_needs_none():
    project = make_project_with_an_english_only_result()
    project.results.update(label_cs="finanční podpora", unit_en="million USD")
    assert states(Project.objects.get(pk=project.pk))["cs"] == State.MISSING
    assert list(Project.objects.translated_in("cs")) == []
    project.results.update(unit_en=None)
    assert states(Project.objects.get(pk=project.pk))["cs"] == State.COMPLETE
    assert list(Project.objects.translated_in("cs")) == [project]


def test_the_report_the_admin_and_the_command_agree_on_a_result_without_a_czech_label(admin_client):
    project = make_project_with_an_english_only_result()
    entries = {(e.model._meta.label_lower, e.code): e for e in report([Project])}
    assert (entries["programmes.project", "cs"].missing, entries["programmes.project", "en"].complete) == ([project], 1)
    with translation.override("en"):
        changelist = admin_client.get("/admin/programmes/project/").content.decode()
        missing = admin_client.get("/admin/programmes/project/", {"translation": "cs-missing"})
        complete = admin_client.get("/admin/programmes/project/", {"translation": "cs-complete"})
        change = admin_client.get(f"/admin/programmes/project/{project.pk}/change/").content.decode()
        dashboard = admin_client.get("/admin/translations/").content.decode()
    assert 'title="Czech: missing">CS –<' in changelist and 'title="English: complete">EN ✓<' in changelist
    assert (list(missing.context["cl"].queryset), list(complete.context["cl"].queryset)) == ([project], [])
    assert "Czech: missing not filled in for every row of: results" in change
    assert f'<a href="/admin/programmes/project/{project.pk}/change/" class="translation-missing">' in dashboard
    out = io.StringIO()
    call_command("translation_status", "--language", "cs", stdout=out)
    assert "cs missing: programmes.project returns" in out.getvalue().splitlines()


def make_project_with_a_translated_result(admin_client):
    """A project and its result added through the admin, in English and Czech."""
    project = make_project_with_an_english_only_result()
    project.results.all().delete()
    url = f"/admin/programmes/project/{project.pk}/change/"
    data = form_data(
        admin_client.get(url),
        **{
            "results-TOTAL_FORMS": "1",
            "results-0-label_en": "people returned",
            "results-0-label_cs": "lidí se vrátilo",
            "results-0-label_uk": "осіб повернулися",
            "results-0-value": "800",
            "results-0-order": "0",
        },
    )
    assert admin_client.post(url, data).status_code == 302
    return Project.objects.get(pk=project.pk)


def change_result(admin_client, project, **changes):
    url = f"/admin/programmes/project/{project.pk}/change/"
    response = admin_client.post(url, form_data(admin_client.get(url), **changes))
    assert response.status_code == 302, response.context["errors"]
    return Project.objects.with_translated_rows().get(pk=project.pk)


def test_a_result_added_with_its_translations_leaves_the_project_complete(admin_client):
    project = make_project_with_a_translated_result(admin_client)
    assert states(project) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.COMPLETE}


def test_changing_a_results_english_label_makes_the_projects_translations_outdated(admin_client):
    project = change_result(
        admin_client, make_project_with_a_translated_result(admin_client), **{"results-0-label_en": "people went home"}
    )
    assert states(project) == {"en": State.COMPLETE, "cs": State.OUTDATED, "uk": State.OUTDATED}
    assert outdated_fields(project, "cs") == ["results"]
    with translation.override("en"):
        change = admin_client.get(f"/admin/programmes/project/{project.pk}/change/").content.decode()
        outdated = admin_client.get("/admin/programmes/project/", {"translation": "cs-outdated"})
    assert "Czech: outdated English changed in: results" in change
    assert list(outdated.context["cl"].queryset) == [project]


def test_a_results_english_change_counts_even_when_no_source_was_noted_for_the_rows(admin_client):
    project = make_project_with_a_translated_result(admin_client)
    Project.objects.filter(pk=project.pk).update(translation_sources={})
    project = change_result(admin_client, project, **{"results-0-label_en": "people went home"})
    assert outdated_fields(project, "cs") == ["results"]


def test_translating_the_changed_result_brings_only_that_language_up_to_date(admin_client):
    project = change_result(
        admin_client, make_project_with_a_translated_result(admin_client), **{"results-0-label_en": "people went home"}
    )
    project = change_result(admin_client, project, **{"results-0-label_cs": "lidí odjelo domů"})
    assert states(project) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.OUTDATED}


def test_changing_only_a_results_value_or_order_leaves_the_translations_complete(admin_client):
    project = change_result(
        admin_client, make_project_with_a_translated_result(admin_client), **{"results-0-value": "900"}
    )
    assert states(project) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.COMPLETE}


def test_marking_czech_up_to_date_clears_an_outdated_result(admin_client):
    project = change_result(
        admin_client, make_project_with_a_translated_result(admin_client), **{"results-0-label_en": "people went home"}
    )
    admin_client.post("/admin/programmes/project/", {"action": "mark_cs_up_to_date", "_selected_action": [project.pk]})
    project = Project.objects.with_translated_rows().get(pk=project.pk)
    assert states(project) == {"en": State.COMPLETE, "cs": State.COMPLETE, "uk": State.OUTDATED}


def test_marking_one_field_up_to_date_leaves_an_outdated_result_outdated(admin_client):
    from core.translation_sources import mark_up_to_date

    project = change_result(
        admin_client, make_project_with_a_translated_result(admin_client), **{"results-0-label_en": "people went home"}
    )
    mark_up_to_date(project, "cs", ["title"])
    assert outdated_fields(project, "cs") == ["results"]
    mark_up_to_date(project, "cs", ["results"])
    assert outdated_fields(project, "cs") == []
