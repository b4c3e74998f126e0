import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from core.models import Status
from news.models import NewsItem
from testing.site_content import head_of, make_news


def titles(response):
    return re.findall(r'class="card-title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def pager_links(response):
    links = re.findall(r'rel="(?:next|prev)" href="([^"]+)"', response.content.decode())
    return [link.replace("&amp;", "&") for link in links]


@pytest.mark.django_db
def test_the_news_list_shows_only_items_available_in_its_language(client, site):
    with translation.override("cs"):
        response = client.get("/cs/aktuality/")
    assert titles(response) == ["25 let IOM v Česku", "Příběh paní Sládkové"]


@pytest.mark.django_db
def test_anonymous_readers_never_see_drafts_or_scheduled_items(client, site):
    make_news({"title": {"en": "Draft"}, "lead": {"en": "Lead"}}, status=Status.DRAFT)
    make_news({"title": {"en": "Tomorrow"}, "lead": {"en": "Lead"}}, days_ago=-1)
    with translation.override("en"):
        listed = titles(client.get("/en/news/"))
        assert client.get("/en/news/draft/").status_code == 404
        assert client.get("/en/news/tomorrow/").status_code == 404
    assert listed == ["25 years of IOM in Czechia", "Summer School opens"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=press_release", ["25 years of IOM in Czechia"]),
        ("kind=news", ["Summer School opens"]),
        ("programme=avrr", ["25 years of IOM in Czechia"]),
        ("programme=avrr&kind=news", []),
        ("q=petr+cap", ["25 years of IOM in Czechia"]),
        ("q=SUMMER&kind=news", ["Summer School opens"]),
    ],
)
def test_filters_and_search_combine(client, site, query, expected):
    with translation.override("en"):
        assert titles(client.get(f"/en/news/?{query}")) == expected


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "query"), [("cs", "sladkova"), ("cs", "SLÁDKOVÁ vypráví"), ("uk", "петр чап")])
def test_search_ignores_case_and_diacritics_in_the_pages_language(client, site, code, query):
    path = {"cs": "/cs/aktuality/", "uk": "/uk/novyny/"}[code]
    with translation.override(code):
        found = titles(client.get(path, {"q": query}))
    expected = {"cs": "Příběh paní Sládkové", "uk": "25 років МОМ у Чехії"}[code]
    assert found == [expected]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # The start of a word finds it, in any of its forms.
        ("integrat", ["Integration of Ukrainians"]),
        ("COVID", ["Integration of Ukrainians"]),
        ("covid-19 integration", ["Integration of Ukrainians"]),
        ("e-mail", ["Integration of Ukrainians"]),
        ("integration summer", []),
        # Punctuation around a word is left out; tsquery's syntax is read as text, not obeyed.
        ("integration & !covid", ["Integration of Ukrainians"]),
        ("'integration':* | summer", []),
        ("(covid),", ["Integration of Ukrainians"]),
        ("don't \\ integration", []),
        ("&|!:*'()", []),
    ],
)
def test_search_finds_words_by_their_start_and_reads_no_query_syntax(client, site, query, expected):
    make_news(
        {
            "title": {"en": "Integration of Ukrainians"},
            "lead": {"en": "Courses after COVID-19, with an e-mail line for questions."},
        },
        days_ago=2,
    )
    with translation.override("en"):
        response = client.get("/en/news/", {"q": query})
    assert response.status_code == 200
    assert sorted(titles(response)) == expected


@pytest.mark.django_db
def test_the_year_filter_offers_only_years_with_news_and_filters_by_them(client, site):
    old = make_news({"title": {"en": "Twenty years"}, "lead": {"en": "Lead"}}, days_ago=0)
    NewsItem.objects.filter(pk=old.pk).update(published_at=datetime.datetime(2018, 6, 1, tzinfo=datetime.UTC))
    with translation.override("en"):
        response = client.get("/en/news/?year=2018")
    years_of_site = {str(timezone.localtime(item.published_at).year) for item in NewsItem.objects.published()}
    options = re.findall(r'<option value="(\d{4})"', response.content.decode())
    assert titles(response) == ["Twenty years"]
    assert options == sorted(years_of_site, reverse=True) and "2018" in options


@pytest.mark.django_db
def test_pagination_shows_ten_items_and_keeps_the_filters_in_its_links(client, site):
    for n in range(23):
        make_news({"title": {"en": f"Story {n:02d}"}, "lead": {"en": "Lead"}}, days_ago=10 + n, kind="story")
    with translation.override("en"):
        first = client.get("/en/news/", {"kind": "story", "q": "story"})
        next_link = pager_links(first)[0]
        second = client.get("/en/news/" + next_link)
    assert len(titles(first)) == 10 and titles(second)[0] == "Story 10"
    assert next_link == "?kind=story&q=story&page=2"
    assert sorted(pager_links(second)) == ["?kind=story&q=story&page=1", "?kind=story&q=story&page=3"]
    assert head_of(second).canonical == "http://127.0.0.1:8000/en/news/?page=2"
    assert head_of(second).switcher["cs"] == "/cs/aktuality/?kind=story&q=story"


@pytest.mark.django_db
def test_a_later_page_of_the_list_names_only_the_languages_whose_list_is_that_long(client, site):
    for n in range(12):
        make_news({"title": {"en": f"Story {n}", "uk": f"Історія {n}"}, "lead": {"en": "Lead", "uk": "Лід"}})
    with translation.override("uk"):
        head = head_of(client.get("/uk/novyny/?page=2"))
    assert head.alternates == {
        "en": "http://127.0.0.1:8000/en/news/?page=2",
        "uk": "http://127.0.0.1:8000/uk/novyny/?page=2",
        "x-default": "http://127.0.0.1:8000/en/news/?page=2",
    }
    assert head.switcher == {"en": "/en/news/", "cs": "/cs/aktuality/"}


@pytest.mark.django_db
def test_a_news_item_shows_its_text_contact_and_related_items_in_its_language(client, site):
    with translation.override("cs"):
        html = client.get("/cs/aktuality/25-let-iom-v-cesku/").content.decode()
    assert "<h1>25 let IOM v Česku</h1>" in html and "Petr Čáp se ohlíží." in html
    assert 'href="mailto:press@example.org"' in html
    assert 'href="/cs/programy/dobrovolne-navraty/"' in html
    assert 'href="/cs/programy/projekty/navraty-a-reintegrace-2018-2022/"' in html
    assert "Interview with Petr Čáp" not in html


@pytest.mark.django_db
def test_previous_and_next_stay_among_items_of_the_same_language(client, site):
    with translation.override("cs"):
        html = client.get("/cs/aktuality/pribeh-pani-sladkove/").content.decode()
    assert re.findall(r'rel="(prev|next)" href="([^"]+)"', html) == [("next", "/cs/aktuality/25-let-iom-v-cesku/")]


@pytest.mark.django_db
def test_an_item_missing_in_a_language_answers_404_naming_its_languages(client, site):
    with translation.override("cs"):
        response = client.get("/cs/aktuality/summer-school-opens/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Tato stránka není v tomto jazyce k dispozici" in html
    assert re.findall(r'<li><a href="([^"]+)" hreflang="(\w+)">([^<]+)<span lang="\w+">([^<]+)', html) == [
        ("/en/news/summer-school-opens/", "en", "Angličtina: ", "Summer School opens")
    ]


@pytest.mark.django_db
def test_another_languages_slug_leads_to_the_item_in_this_language(client, site):
    with translation.override("cs"):
        response = client.get("/cs/aktuality/25-years-of-iom-in-czechia/")
    assert (response.status_code, response["Location"]) == (301, "/cs/aktuality/25-let-iom-v-cesku/")


@pytest.mark.django_db
def test_a_czech_slug_under_ukrainian_names_the_czech_page(client, site):
    with translation.override("uk"):
        response = client.get("/uk/novyny/pribeh-pani-sladkove/")
    assert response.status_code == 404
    assert 'href="/cs/aktuality/pribeh-pani-sladkove/" hreflang="cs"' in response.content.decode()


@pytest.mark.django_db
def test_staff_can_preview_a_draft_that_is_marked_and_never_cached(client, admin_user, site):
    make_news({"title": {"en": "Coming soon"}, "lead": {"en": "Lead"}}, status=Status.DRAFT)
    client.force_login(admin_user)
    with translation.override("en"):
        response = client.get("/en/news/coming-soon/")
    html = response.content.decode()
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in html and 'class="preview-banner' in html
    with translation.override("en"):
        live = client.get("/en/news/summer-school-opens/")
    assert "preview-banner" not in live.content.decode() and "private" in live["Cache-Control"]


@pytest.mark.django_db
def test_an_unknown_filter_value_is_left_out_and_named(client, site):
    with translation.override("cs"):
        response = client.get("/cs/aktuality/?kind=interview&year=1850&programme=avrr")
    html = response.content.decode()
    assert titles(response) == ["25 let IOM v Česku"]
    assert "Některé filtry v tomto odkazu nejsou známé a byly vynechány: Druh, Rok</p>" in html


@pytest.mark.django_db
def test_publication_times_are_machine_readable_to_the_second_in_prague_time(client, site):
    with translation.override("en"):
        html = client.get("/en/news/").content.decode()
    moments = re.findall(r'<time datetime="([^"]+)"', html)
    assert moments and all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00", moment) for moment in moments)


@pytest.mark.django_db
def test_a_later_page_of_the_list_counts_every_languages_list_in_one_query(client, site, django_assert_num_queries):
    for n in range(12):
        make_news({"title": {"en": f"Story {n}"}, "lead": {"en": "Lead"}})
    with translation.override("en"):
        first = CaptureQueriesContext(connection)
        with first:
            client.get("/en/news/")
        cache.clear()
        with django_assert_num_queries(len(first) + 1):
            client.get("/en/news/?page=2")


@pytest.mark.django_db
def test_the_year_filter_offers_the_years_with_news_in_prague_time_and_skips_empty_years(client, site):
    prague_new_year = datetime.datetime(2021, 12, 31, 23, 30, tzinfo=datetime.UTC)  # 00:30 on 1 January 2022
    make_news({"title": {"en": "New Year story"}, "lead": {"en": "Lead"}}, published_at=prague_new_year)
    midsummer = datetime.datetime(2019, 6, 21, 12, tzinfo=datetime.UTC)
    make_news({"title": {"en": "Old story"}, "lead": {"en": "Lead"}}, published_at=midsummer)
    draft_date = midsummer.replace(year=2017)
    make_news({"title": {"en": "Old draft"}, "lead": {"en": "Lead"}}, published_at=draft_date, status=Status.DRAFT)
    with translation.override("en"):
        years = client.get("/en/news/").context["years"]
    assert years == sorted(years, reverse=True)
    assert {2022, 2019} <= set(years)
    assert not {2021, 2020, 2018, 2017} & set(years)


@pytest.mark.django_db
def test_staff_without_permission_on_news_and_anonymous_readers_get_404_for_a_draft(client, django_user_model, site):
    make_news({"title": {"en": "Coming soon"}, "lead": {"en": "Lead"}}, status=Status.DRAFT)
    with translation.override("en"):
        assert client.get("/en/news/coming-soon/").status_code == 404
        client.force_login(django_user_model.objects.create_user("clerk", password="x", is_staff=True))
        assert client.get("/en/news/coming-soon/").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "99999999999999999999999"])
def test_a_page_number_the_list_does_not_have_is_a_404_not_an_error(client, site, page):
    with translation.override("en"):
        assert client.get(f"/en/news/?page={page}").status_code == 404
