"""Images for writers in Chromium: the figure dialog's "Browse…" picks an image from the library,
and a click on the form's thumbnail sets the focal point that crops keep in view."""

import pytest
from django.utils import translation

from core.images.focal import focal_point
from core.images.renditions import renditions
from core.tests.test_image_library import news_with_image
from news.models import NewsItem

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("language", "browse", "insert"),
    [("en", "Browse...", "Insert"), ("cs", "Procházet…", "Vložit"), ("uk", "Огляд…", "Вставити")],
)
def test_the_figure_dialog_inserts_an_image_chosen_from_the_library(
    admin_page, live_server, media, language, browse, insert
):
    with translation.override("en"):
        photo = news_with_image(title_en="Harbour visit", image_alt_en="Boats in the harbour")
    largest = renditions(photo.image).fallback[-1][1]
    admin_page.set_extra_http_headers({"Accept-Language": language})
    admin_page.goto(f"{live_server.url}/admin/news/newsitem/{photo.pk}/change/")
    tabs = admin_page.locator("div.ui-tabs", has=admin_page.locator("#id_body_en"))
    tabs.locator(".ui-tabs-nav a").first.click()
    prose = admin_page.locator(".prose-editor:has(textarea[name='body_en'])")
    prose.locator("[role=textbox]").click()
    prose.locator("button[data-name='figure']").click()
    dialog = admin_page.locator("dialog[open]")
    with admin_page.context.expect_page() as opened:
        dialog.get_by_role("button", name=browse).click()
    library = opened.value
    library.wait_for_load_state()
    library.get_by_role("button", name="Harbour visit").click()
    assert dialog.locator("input[name='imageUrl']").input_value() == f"/media/{largest}"
    assert dialog.locator("input[name='altText']").input_value() == "Boats in the harbour"
    dialog.get_by_role("button", name=insert, exact=True).click()
    admin_page.click("input[name='_save']")
    admin_page.wait_for_url("**/admin/news/newsitem/")
    body = NewsItem.objects.get(pk=photo.pk).body_en
    assert f'<figure><img src="/media/{largest}" alt="Boats in the harbour"></figure>' in body
    assert admin_page.errors == []


def test_a_click_on_the_thumbnail_sets_the_focal_point(admin_page, live_server, media):
    with translation.override("en"):
        photo = news_with_image()
    admin_page.goto(f"{live_server.url}/admin/news/newsitem/{photo.pk}/change/")
    thumbnail = admin_page.locator(".focal-point img")
    box = thumbnail.bounding_box()
    thumbnail.click(position={"x": box["width"] * 0.1, "y": box["height"] * 0.5})
    assert admin_page.locator(".focal-point-marker").is_visible()
    admin_page.locator(".focal-point").press("ArrowDown")
    admin_page.click("input[name='_save']")
    admin_page.wait_for_url("**/admin/news/newsitem/")
    x, y = focal_point(photo.image.name)
    assert abs(x - 0.1) < 0.02 and abs(y - 0.55) < 0.02
    assert admin_page.errors == []
