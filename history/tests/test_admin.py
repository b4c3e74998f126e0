import pytest
from django.utils import translation

from history.models import Director, KeyFigure, Milestone
from testing.admin_support import form_data, sample_content

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["director", "milestone", "keyfigure"])
@pytest.mark.parametrize("page", ["changelist", "add", "change"])
def test_every_history_admin_page_renders_for_a_superuser(admin_client, model, page):
    content = sample_content()
    url = {
        "changelist": f"/admin/history/{model}/",
        "add": f"/admin/history/{model}/add/",
        "change": f"/admin/history/{model}/{content[model].pk}/change/",
    }[page]
    with translation.override("en"):
        response = admin_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("code", "title"), [("en", "Treaty signed"), ("cs", "Podpis smlouvy"), ("uk", "Підписання угоди")]
)
def test_a_milestone_saves_through_the_admin_in_one_language(admin_client, admin_user, code, title):
    with translation.override("en"):
        data = form_data(
            admin_client.get("/admin/history/milestone/add/"),
            **{f"title_{code}": title, "date": "1997-05-01", "date_precision": "year"},
        )
        response = admin_client.post("/admin/history/milestone/add/", data)
    assert response.status_code == 302
    milestone = Milestone.objects.get()
    assert milestone.available_languages() == [code]
    assert milestone.column("slug", code) in {"treaty-signed", "podpis-smlouvy", "pidpysannia-uhody"}
    assert (milestone.when.isoformat(), milestone.created_by) == ("1997", admin_user)


@pytest.mark.parametrize("code", ["en", "cs", "uk"])
def test_a_key_figure_saves_through_the_admin_in_one_language(admin_client, code):
    with translation.override("en"):
        data = form_data(
            admin_client.get("/admin/history/keyfigure/add/"),
            **{f"label_{code}": "returns", f"source_{code}": "release", "value": "7500", "as_of": "2023-12-19"},
        )
        response = admin_client.post("/admin/history/keyfigure/add/", data)
    assert response.status_code == 302
    assert KeyFigure.objects.get().available_languages() == [code]


def test_a_director_without_a_known_start_saves_with_the_dates_left_empty(admin_client):
    with translation.override("en"):
        data = form_data(
            admin_client.get("/admin/history/director/add/"),
            name="Ana Hristova",
            role_uk="Керівниця представництва",
            ended="2000-01-01",
            ended_precision="year",
        )
        response = admin_client.post("/admin/history/director/add/", data)
    assert response.status_code == 302
    director = Director.objects.get()
    assert (director.start, director.end.isoformat(), director.available_languages()) == (None, "2000", ["uk"])


def test_a_duplicate_ukrainian_milestone_slug_is_a_form_error(admin_client):
    sample_content()
    Milestone.objects.create(title_uk="Відкриття", date="1997-01-01")
    with translation.override("en"):
        data = form_data(admin_client.get("/admin/history/milestone/add/"), title_uk="Відкриття", date="1998-01-01")
        response = admin_client.post("/admin/history/milestone/add/", data)
    assert response.status_code == 200
    assert "slug_uk" in response.context["adminform"].form.errors


def test_a_key_figure_with_a_czech_label_but_no_czech_source_names_the_source(admin_client):
    with translation.override("en"):
        data = form_data(
            admin_client.get("/admin/history/keyfigure/add/"),
            label_en="returns",
            source_en="release",
            label_cs="návraty",
            value="7500",
            as_of="2023-12-19",
        )
        response = admin_client.post("/admin/history/keyfigure/add/", data)
    assert response.context["adminform"].form.errors["source_cs"] == [
        "Required for Czech, because other Czech fields are filled in."
    ]


@pytest.mark.parametrize("query", ["Vedoucí úřadu", "Petr Čáp"])
def test_search_finds_a_director_by_name_or_czech_role(admin_client, query):
    director = sample_content()["director"]
    with translation.override("en"):
        response = admin_client.get("/admin/history/director/", {"q": query})
    assert list(response.context["cl"].queryset) == [director]
