import json
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from testing.site_content import PageHead, head_of, make_news


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("accept", "target"),
    [("cs-CZ,cs;q=0.9,en;q=0.5", "/cs/"), ("uk,ru;q=0.5", "/uk/"), ("de-DE", "/en/"), ("", "/en/")],
)
def test_the_root_redirects_to_the_readers_language(client, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert (response.status_code, response["Location"]) == (302, target)


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "cs", "uk"])
def test_the_home_page_shows_figures_news_and_programmes_of_its_language(client, site, code):
    with translation.override(code):
        response = client.get(f"/{code}/")
        html = response.content.decode()
    assert response.status_code == 200
    assert head_of(response).lang == code
    assert site["anniversary"].column("title", code) in html
    assert site["avrr"].column("title", code) in html
    assert (site["english_only"].title_en in html) == (code == "en")
    assert (site["research"].title_en in html) == (code == "en")


@pytest.mark.django_db
def test_key_figures_are_formatted_per_language_with_date_and_source(client, site):
    with translation.override("en"):
        english = client.get("/en/").content.decode()
    with translation.override("cs"):
        czech = client.get("/cs/").content.decode()
    assert "7,500" in english and "Dec. 19, 2023" in english
    assert "7\xa0500" in czech and "19. prosince 2023" in czech and "asistovaných návratů" in czech


@pytest.mark.django_db
def test_the_home_page_describes_the_organisation_in_json_ld(client, site):
    with translation.override("en"):
        html = client.get("/en/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert (data["@type"], data["url"]) == ("Organization", "http://127.0.0.1:8000/en/")


@pytest.mark.django_db
def test_json_ld_cannot_close_its_script_element(client, site):
    item = make_news({"title": {"en": "</script><script>alert(1)</script>"}, "lead": {"en": "A & B"}})
    with translation.override("en"):
        html = client.get(item.get_absolute_url()).content.decode()
    script = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    data = json.loads(script)
    assert "<" not in script and data["headline"] == "</script><script>alert(1)</script>"
    assert (data["@type"], data["inLanguage"], data["description"]) == ("NewsArticle", "en", "A & B")


@pytest.mark.django_db
def test_robots_txt_names_the_sitemap_with_its_absolute_url(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in response.content.decode().splitlines()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "title"),
    [("/en/nothing/", "Page not found"), ("/cs/nic/", "Stránka nenalezena"), ("/uk/nichoho/", "Сторінку не знайдено")],
)
def test_an_unknown_page_answers_a_translated_404(client, path, title):
    response = client.get(path)
    assert response.status_code == 404
    assert f"<h1>{title}</h1>" in response.content.decode()
    assert head_of(response).canonical is None


def test_the_500_page_renders_without_a_request_or_the_database():
    with translation.override("cs"):
        html = render_to_string("500.html")
    assert '<html lang="cs">' in html and "Něco se pokazilo" in html


@pytest.mark.django_db
def test_the_switcher_on_a_404_page_leads_to_each_other_languages_home_page():
    request = RequestFactory().get("/en/nothing/")
    with translation.override("uk"):
        html = render_to_string("404.html", request=request)
    assert PageHead(html).switcher == {"en": "/en/", "cs": "/cs/"}
