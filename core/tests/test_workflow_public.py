"""A draft of a live item never reaches the public: not its page, the lists, the search, the feeds,
the sitemap, nor the page cache; publishing it reaches all of them on the next request."""

import pytest
from django.utils import translation

from core import workflow
from core.i18n import LANGUAGE_CODES
from core.models import ContentVersion
from testing.admin_support import form_data, user_in
from testing.sitemaps import sitemap_urls

pytestmark = pytest.mark.django_db

WORD = {"en": "Zebrafinch", "cs": "Zebřička", "uk": "Зебрик"}
PUBLIC = ["/{code}/", "/{code}/news/", "/{code}/news/rss/", "/{code}/news/atom/"]
LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def public_pages(client, item):
    """Every public text the item appears in, in every language, read as an anonymous reader."""
    texts = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            paths = [item.get_absolute_url(), *(path.format(code=code) for path in PUBLIC)]
            paths = [path.replace("/news/", "/" + translation.gettext("news/")) for path in paths]
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            texts.append(response.content.decode())
    texts.append(" ".join(element.findtext(LOC) for _sitemap, element in sitemap_urls(client)))
    return texts


def found_by_search(client, item):
    """Whether the news search for WORD finds the item, per language."""
    found = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            path = "/" + code + "/" + translation.gettext("news/")
            url = item.get_absolute_url()
        found.append(url in client.get(path, {"q": WORD[code]}).content.decode())
    return found


def drafted(client, item):
    """An Editor's draft of `item` with WORD in its title and a new slug in every language."""
    client.force_login(user_in("Editor"))
    url = f"/admin/news/newsitem/{item.pk}/change/"
    changes = {}
    for code in LANGUAGE_CODES:
        changes[f"title_{code}"] = f"{WORD[code]} {getattr(item, f'title_{code}')}"
        changes[f"lead_{code}"] = f"{WORD[code]} lead."
        changes[f"slug_{code}"] = f"zebrafinch-{code}"
    with translation.override("en"):
        response = client.post(url, form_data(client.get(url), **changes))
    assert response.status_code == 302
    client.logout()


def test_a_draft_never_leaks_to_pages_search_feeds_sitemap_or_the_page_cache(client, site):
    item = site["anniversary"]
    before = public_pages(client, item)  # now stored in the page cache too
    token = ContentVersion.objects.get().token
    drafted(client, item)
    assert ContentVersion.objects.get().token == token
    after = public_pages(client, item)
    assert after == before
    assert found_by_search(client, item) == [False, False, False]
    for text in after:
        assert not any(word in text for word in WORD.values())
        assert "zebrafinch-" not in text
    workflow.publish(item, user_in("Publisher"))
    item.refresh_from_db()
    published = public_pages(client, item)
    assert found_by_search(client, item) == [True, True, True]
    assert WORD["cs"] in " ".join(published) and "zebrafinch-uk" in published[-1]
