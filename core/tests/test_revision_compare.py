"""Comparing any two revisions of an item: one row per field and language, the text as a reader sees it
with its inserted and removed words marked, who, when and why; for whoever may see the item."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import translation

from core.tests.test_revisions import save_through_admin
from testing.admin_support import sample_content, user_in

pytestmark = pytest.mark.django_db


def compare_url(item, old, new):
    return f"/admin/news/newsitem/{item.pk}/history/compare/?from={old.pk}&to={new.pk}"


def row_labels(html):
    return re.findall(r'<tr class="changed-field">\s*<th scope="row">([^<]*)</th>', html)


@pytest.fixture
def item_with_three_revisions(admin_client):
    """A news item saved three times: a Czech lead, then an English body, then an English title."""
    item = sample_content()["newsitem"]
    save_through_admin(admin_client, item, lead_cs="Nový perex.", body_en="<h2>Support</h2><p>We help migrants.</p>")
    save_through_admin(admin_client, item, body_en="<h2>Support</h2><p>We help refugees.</p><ul><li>one</li></ul>")
    save_through_admin(admin_client, item, title_en="25 years of IOM in Czechia")
    return item, list(item.history.order_by("history_date"))


def test_any_two_revisions_compare_field_by_field_and_language_by_language(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    html = admin_client.get(compare_url(item, revisions[0], revisions[3])).content.decode()
    # The slug follows the changed title: it was the one made from the old title.
    assert row_labels(html) == ["Title — English", "Slug — English", "Lead — Czech", "Body — English"]
    assert '<td class="diff-old"><p><del>Výročí</del>.</p></td>' in html
    assert '<td class="diff-new"><p><ins>Nový perex</ins>.</p></td>' in html
    assert "25 years <ins>of IOM </ins>in Czechia" in html
    assert "<h2><ins>Support</ins></h2>" in html and "<li><ins>one</ins></li>" in html


def test_a_later_pair_shows_only_what_changed_between_them_as_text_not_markup(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    html = admin_client.get(compare_url(item, revisions[1], revisions[2])).content.decode()
    assert row_labels(html) == ["Body — English"]
    assert '<td class="diff-old"><h2>Support</h2><p>We help <del>migrants</del>.</p></td>' in html
    assert (
        '<td class="diff-new"><h2>Support</h2><p>We help <ins>refugees</ins>.</p><ul><li><ins>one</ins></li></ul></td>'
        in html
    )
    assert "&lt;h2&gt;" not in html and "[" not in "".join(re.findall(r'class="diff-(?:old|new)">(.*?)</td>', html))


def test_no_field_is_listed_twice_and_unchanged_fields_are_folded_away(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    html = admin_client.get(compare_url(item, revisions[0], revisions[3])).content.decode()
    labels = re.findall(r'<th scope="row">([^<]*)</th>', html)
    assert len(labels) == len(set(labels))
    assert "Body" not in labels and "Body [en]" not in html
    assert '<details class="unchanged-fields">' in html and '<tr class="unchanged-field">' in html
    assert "Title — Czech" in labels and "Title — Czech" not in row_labels(html)
    assert "Search text" not in html and "Source text at translation time" not in html


def test_each_side_says_who_when_and_why_and_never_none(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    revisions[2].history_change_reason = "Fixed the wording"
    revisions[2].save()
    html = admin_client.get(compare_url(item, revisions[0], revisions[2])).content.decode()
    assert "None" not in html
    assert 'class="revision-who">—</span>' in html  # the first revision was made outside the admin
    assert 'class="revision-who">admin</span>' in html
    assert "Reason: —" in html and "Reason: Fixed the wording" in html
    assert "Times are Europe/Prague time." in html and "(created)" in html and "(changed)" in html


def test_the_history_list_offers_the_choice_and_shows_no_raw_html_duplicates_or_none(
    admin_client, item_with_three_revisions
):
    item, revisions = item_with_three_revisions
    html = admin_client.get(f"/admin/news/newsitem/{item.pk}/history/").content.decode()
    assert f'action="/admin/news/newsitem/{item.pk}/history/compare/"' in html
    assert f'<input type="radio" name="from" value="{revisions[2].pk}" checked>' in html
    assert f'<input type="radio" name="to" value="{revisions[3].pk}" checked>' in html
    assert "None" not in html and "&lt;h2&gt;" not in html and "[356 chars]" not in html
    assert "<strong>Body</strong>" not in html and "Body [en]" not in html
    assert html.count("<strong>Body — English</strong>") == 2


def test_comparing_needs_two_revisions_of_this_item(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    history = f"/admin/news/newsitem/{item.pk}/history/"
    base = f"{history}compare/"
    for query, message in (
        (f"?to={revisions[1].pk}", "the first (“from”) revision is missing"),
        (f"?from={revisions[1].pk}&to=abc", "The second (“to”) revision, “abc”, is not a revision of this item"),
        (f"?from={revisions[3].pk + 1000}&to={revisions[1].pk}", "is not a revision of this item"),
    ):
        response = admin_client.get(base + query, follow=True)
        assert response.redirect_chain == [(history, 302)]
        assert message in response.content.decode()


def test_a_revision_of_another_item_is_refused(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    other = type(item).objects.create(title_en="Another", lead_en="Other.", published_at=item.published_at)
    response = admin_client.get(compare_url(item, other.history.first(), revisions[1]), follow=True)
    assert "is not a revision of this item" in response.content.decode()


@pytest.mark.parametrize("role", ["Editor", "Translator", "Publisher"])
def test_every_role_that_may_see_the_item_may_compare(admin_client, item_with_three_revisions, role):
    item, revisions = item_with_three_revisions
    client = Client()
    client.force_login(user_in(role))
    response = client.get(compare_url(item, revisions[0], revisions[1]))
    assert response.status_code == 200 and "Lead — Czech" in response.content.decode()


def test_staff_who_may_not_see_the_item_may_not_compare(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    client = Client()
    client.force_login(User.objects.create_user("outsider", password="x", is_staff=True))
    assert client.get(compare_url(item, revisions[0], revisions[1])).status_code == 403
    anonymous = Client().get(compare_url(item, revisions[0], revisions[1]))
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]


def test_the_compare_page_speaks_czech_and_ukrainian(admin_client, item_with_three_revisions):
    item, revisions = item_with_three_revisions
    for code, label in (("cs", "Perex — čeština"), ("uk", "Лід — чеська")):
        with translation.override(code):
            html = admin_client.get(compare_url(item, revisions[0], revisions[1]), HTTP_ACCEPT_LANGUAGE=code)
        assert label in html.content.decode(), code
