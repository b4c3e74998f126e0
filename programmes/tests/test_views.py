import datetime

import pytest
from django.utils import timezone, translation

from core.models import Status
from programmes.models import Project


@pytest.mark.django_db
def test_the_programmes_list_shows_programmes_available_in_its_language(client, site):
    with translation.override("uk"):
        html = client.get("/uk/prohramy/").content.decode()
    assert 'href="/uk/prohramy/dobrovilne-povernennia/">Добровільне повернення</a>' in html
    assert "Summer School" not in html


@pytest.mark.django_db
def test_a_programme_lists_its_live_projects_newest_first(client, site):
    Project.objects.create(
        programme=site["avrr"],
        title_en="Return 2023",
        summary_en="Newer.",
        started=datetime.date(2023, 1, 1),
        status=Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    Project.objects.create(
        programme=site["avrr"], title_en="Draft project", summary_en="Hidden.", started=datetime.date(2024, 1, 1)
    )
    with translation.override("en"):
        html = client.get("/en/programmes/voluntary-return/").content.decode()
    assert html.index("Return 2023") < html.index("Return and reintegration 2018–2022")
    assert "Draft project" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "path", "budget"),
    [
        ("en", "/en/programmes/projects/return-and-reintegration-2018-2022/", "1,234,567.50 EUR"),
        ("cs", "/cs/programy/projekty/navraty-a-reintegrace-2018-2022/", "1\xa0234\xa0567,50 EUR"),
    ],
)
def test_a_project_shows_code_budget_funders_and_results_in_its_language(client, site, code, path, budget):
    with translation.override(code):
        html = client.get(path).content.decode()
    assert "AMIF/2018/01" in html and budget in html
    assert site["amif"].column("name", code) in html
    assert {"en": "people returned", "cs": "lidí se vrátilo"}[code] in html


@pytest.mark.django_db
def test_a_project_missing_in_ukrainian_answers_404_naming_english_and_czech(client, site):
    with translation.override("uk"):
        response = client.get("/uk/prohramy/proekty/return-and-reintegration-2018-2022/")
    html = response.content.decode()
    assert response.status_code == 404
    assert 'href="/en/programmes/projects/return-and-reintegration-2018-2022/" hreflang="en"' in html
    assert 'href="/cs/programy/projekty/navraty-a-reintegrace-2018-2022/" hreflang="cs"' in html


@pytest.mark.django_db
def test_a_czech_project_page_leaves_out_a_result_whose_label_is_only_in_english(client, site):
    project = Project.objects.get(key="avrr-2018")
    project.results.create(value=4321, label_en="people reintegrated", order=1)
    project.results.create(value=1.5, label_en="funding", label_cs="financování", unit_en="million EUR", order=2)
    with translation.override("cs"):
        czech = client.get("/cs/programy/projekty/navraty-a-reintegrace-2018-2022/").content.decode()
    with translation.override("en"):
        english = client.get("/en/programmes/projects/return-and-reintegration-2018-2022/").content.decode()
    assert "lidí se vrátilo" in czech
    assert "4321" not in czech.replace("\xa0", "") and "financování" not in czech
    assert czech.count('class="figure"') == 1
    assert "people reintegrated" in english and "million EUR" in english
    assert english.count('class="figure"') == 3
