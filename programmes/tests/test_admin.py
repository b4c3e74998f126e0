import pytest
from django.utils import translation

from core.i18n import url_in_language
from programmes.models import Organisation, Programme
from testing.admin_support import form_data, sample_content

pytestmark = pytest.mark.django_db

TITLES = {"en": "Labour migration", "cs": "Pracovní migrace", "uk": "Трудова міграція"}
SUMMARIES = {"en": "Fair recruitment.", "cs": "Férový nábor.", "uk": "Чесний найм."}


@pytest.mark.parametrize("model", ["organisation", "programme", "project"])
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_every_programmes_admin_page_renders_for_a_superuser(admin_client, model, page):
    content = sample_content()
    url = {
        "changelist": f"/admin/programmes/{model}/",
        "add": f"/admin/programmes/{model}/add/",
        "change": f"/admin/programmes/{model}/{content[model].pk}/change/",
    }[page]
    with translation.override("en"):
        response = admin_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("code", ["en", "cs", "uk"])
def test_a_programme_with_a_project_saves_through_the_admin_in_one_language(admin_client, admin_user, code):
    with translation.override("en"):
        page = admin_client.get("/admin/programmes/programme/add/")
        data = form_data(
            page,
            **{
                f"title_{code}": TITLES[code],
                f"summary_{code}": SUMMARIES[code],
                "projects-TOTAL_FORMS": "1",
                f"projects-0-title_{code}": "EU Talent Pool",
                f"projects-0-summary_{code}": SUMMARIES[code],
                "projects-0-status": "draft",
                "projects-0-published_at_0": "2026-11-28",
                "projects-0-published_at_1": "10:00:00",
                "projects-0-started_precision": "day",
                "projects-0-ended_precision": "day",
            },
        )
        response = admin_client.post("/admin/programmes/programme/add/", data)
    assert response.status_code == 302
    programme = Programme.objects.get()
    project = programme.projects.get()
    assert programme.available_languages() == [code] == project.available_languages()
    assert programme.column("title", code) == TITLES[code]
    assert programme.column("slug", code) and project.column("slug", code) == "eu-talent-pool"
    assert (programme.created_by, programme.updated_by, project.created_by) == (admin_user, admin_user, admin_user)


def test_a_project_keeps_its_result_rows_when_saved_through_the_admin(admin_client):
    project = sample_content()["project"]
    url = f"/admin/programmes/project/{project.pk}/change/"
    with translation.override("en"):
        data = form_data(admin_client.get(url), **{"results-0-label_cs": "navrácených osob"})
        response = admin_client.post(url, data)
    assert response.status_code == 302
    result = project.results.get()
    assert (result.label_en, result.label_cs, result.value) == ("people returned", "navrácených osob", 800)


def test_a_duplicate_czech_slug_is_a_form_error_not_a_server_error(admin_client):
    existing = sample_content()["programme"]
    with translation.override("en"):
        data = form_data(
            admin_client.get("/admin/programmes/programme/add/"),
            title_cs="Jiný program",
            summary_cs="Shrnutí.",
            slug_cs=existing.slug_cs,
        )
        response = admin_client.post("/admin/programmes/programme/add/", data)
    assert response.status_code == 200
    assert "slug_cs" in response.context["adminform"].form.errors
    assert Programme.objects.count() == 1


def test_a_partly_filled_language_names_the_missing_field(admin_client):
    with translation.override("en"):
        data = form_data(
            admin_client.get("/admin/programmes/programme/add/"),
            title_en=TITLES["en"],
            summary_en=SUMMARIES["en"],
            title_uk=TITLES["uk"],
        )
        response = admin_client.post("/admin/programmes/programme/add/", data)
    errors = response.context["adminform"].form.errors
    assert errors["summary_uk"] == ["Required for Ukrainian, because other Ukrainian fields are filled in."]
    assert "Required for Ukrainian" in response.content.decode()
    assert not Programme.objects.exists()


def test_an_empty_organisation_says_that_one_language_must_be_complete(admin_client):
    with translation.override("en"):
        data = form_data(admin_client.get("/admin/programmes/organisation/add/"))
        response = admin_client.post("/admin/programmes/organisation/add/", data)
    assert response.context["adminform"].form.non_field_errors() == ["Fill in name in at least one language."]
    assert not Organisation.objects.exists()


@pytest.mark.parametrize("query", ["Asistované dobrovolné", "Проєкт повернення"])
def test_search_finds_a_programme_by_its_czech_or_its_ukrainian_title(admin_client, query):
    content = sample_content()
    with translation.override("en"):
        programmes = admin_client.get("/admin/programmes/programme/", {"q": query})
        projects = admin_client.get("/admin/programmes/project/", {"q": query})
    found = [*programmes.context["cl"].queryset, *projects.context["cl"].queryset]
    assert found == [content["programme"] if query.startswith("Asist") else content["project"]]


def test_view_on_site_links_to_the_public_page_in_the_admin_language_or_one_the_item_has(admin_client):
    project = sample_content()["project"]
    url = f"/admin/programmes/project/{project.pk}/change/"
    with translation.override("en"):
        in_czech = admin_client.get(url, headers={"accept-language": "cs"}).content.decode()
        in_ukrainian = admin_client.get(url, headers={"accept-language": "uk"}).content.decode()
    assert f'href="{url_in_language(project, "en")}" class="viewsitelink"' in in_czech
    assert f'href="{url_in_language(project, "uk")}" class="viewsitelink"' in in_ukrainian
