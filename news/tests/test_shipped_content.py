"""The news that ships in data/ is findable the way readers look for it."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from news.models import NewsItem

ANNIVERSARY = "iom-czechia-25-years"


def listed_urls(response):
    return re.findall(r'class="card-title"><a href="([^"]+)"', response.content.decode())


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["en", "cs", "uk"])
def test_searching_the_news_for_a_former_director_finds_the_anniversary_release(client, shipped_content, code):
    with translation.override(code):
        anniversary_url = NewsItem.objects.get(key=ANNIVERSARY).get_absolute_url()
        news_list = reverse("news:list")
        for query in ("sladkova", "Sládková"):
            response = client.get(news_list, {"q": query})
            assert response.status_code == 200
            assert anniversary_url in listed_urls(response), f"{code}: ?q={query} does not list the release"
        assert listed_urls(client.get(news_list, {"q": "sladkova hurricane"})) == []
