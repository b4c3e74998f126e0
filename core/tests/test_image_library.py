"""Images for writers: the form's thumbnail and focal point, crops around the focal point, alt text
in each language an item is shown in, and the library of the site's images."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from core.images.focal import FocalPoint, crop_box, focal_point, parse_focal_point, set_focal_point
from core.images.html import picture_html
from core.images.renditions import renditions
from history.models import Director
from news.models import NewsItem
from testing.admin_support import form_data

RED, BLUE = (220, 20, 20), (20, 20, 220)


def two_colour_jpeg(size=(1200, 400)):
    """Red on the left third, blue on the rest: a square crop shows which part it kept."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0] // 3, size[1]))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=95)
    return buffer.getvalue()


def news_with_image(content=None, **fields):
    item = NewsItem(**{"title_en": "With a photo", "lead_en": "Lead", "image_alt_en": "A desk", **fields})
    item.image = SimpleUploadedFile("photo.jpg", content or two_colour_jpeg())
    item.full_clean()
    item.save()
    return item


def colour_of_crop(item, field="image"):
    found = renditions(getattr(item, field), crop=(1, 1))
    with getattr(item, field).storage.open(found.fallback[0][1]) as stored, Image.open(stored) as image:
        assert image.width == image.height
        return image.convert("RGB").getpixel((image.width // 2, image.height // 2))


def near(colour, expected):
    return all(abs(a - b) < 40 for a, b in zip(colour, expected, strict=True))


@pytest.mark.parametrize(
    ("focus", "box"),
    [
        ((0.5, 0.5), (400, 0, 800, 400)),
        ((0.0, 0.5), (0, 0, 400, 400)),
        ((0.1, 0.5), (0, 0, 400, 400)),
        ((0.9, 0.2), (800, 0, 1200, 400)),
        ((0.6, 0.5), (520, 0, 920, 400)),
    ],
)
def test_a_crop_is_centred_on_the_focal_point_as_far_as_the_edges_allow(focus, box):
    assert crop_box(1200, 400, (1, 1), focus) == box


def test_a_tall_image_is_cropped_down_the_middle_of_its_focal_point():
    assert crop_box(300, 900, (1, 1), (0.5, 0.25)) == (0, 75, 300, 375)


@pytest.mark.parametrize(("text", "point"), [("0.25,0.75", (0.25, 0.75)), ("", None), ("1.5,0", None), ("a,b", None)])
def test_the_forms_focal_point_is_read_only_when_it_is_two_numbers_from_0_to_1(text, point):
    assert parse_focal_point(text) == point


@pytest.mark.django_db
def test_the_square_crop_keeps_the_focal_point_in_view(media):
    item = news_with_image()
    assert near(colour_of_crop(item), BLUE)  # the centre of the image is blue
    set_focal_point(item.image.name, 0.1, 0.5)
    assert near(colour_of_crop(item), RED)


@pytest.mark.django_db
def test_a_directors_portrait_on_the_timeline_is_the_square_around_the_focal_point(media, client):
    director = Director(name="A. Director")
    director.photo = SimpleUploadedFile("face.jpg", two_colour_jpeg())
    director.save()
    set_focal_point(director.photo.name, 0.1, 0.5)
    html = picture_html(director.photo, "", sizes="96px", css_class="portrait", crop="1:1")
    assert 'width="400" height="400"' in html
    assert f"/media/renditions/{director.photo.name}/crop-1x1-100-500-160.webp 160w" in html
    assert near(colour_of_crop(director, "photo"), RED)


@pytest.mark.django_db
def test_moving_the_focal_point_in_the_form_recrops_the_image(media, admin_client):
    item = news_with_image()
    old_crop = renditions(item.image, crop=(1, 1)).fallback[0][1]
    url = f"/admin/news/newsitem/{item.pk}/change/"
    with translation.override("en"):
        page = admin_client.get(url)
        html = page.content.decode()
        assert f'<img src="/media/renditions/{item.image.name}/320.jpg" width="320" height="107"' in html
        assert 'name="image__focal" value="0.5000,0.5000"' in html
        response = admin_client.post(url, form_data(page, image__focal="0.1,0.5"))
    assert response.status_code == 302
    assert focal_point(item.image.name) == (0.1, 0.5)
    assert not item.image.storage.exists(old_crop)
    assert near(colour_of_crop(item), RED)


@pytest.mark.django_db
def test_a_new_upload_has_no_thumbnail_or_focal_point_until_it_is_saved(admin_client):
    with translation.override("en"):
        html = admin_client.get("/admin/news/newsitem/add/").content.decode()
    assert "image__focal" not in html
    assert "JPEG, PNG or WebP, at most 10.0\xa0MB" in html


@pytest.mark.django_db
def test_a_removed_image_takes_its_focal_point_with_it(media, django_capture_on_commit_callbacks):
    item = news_with_image()
    set_focal_point(item.image.name, 0.2, 0.2)
    with django_capture_on_commit_callbacks(execute=True):
        item.delete()
    assert not FocalPoint.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(("code", "language"), [("cs", "Czech"), ("uk", "Ukrainian")])
def test_alt_text_is_required_in_each_language_the_item_is_shown_in(media, admin_client, code, language):
    item = news_with_image()
    url = f"/admin/news/newsitem/{item.pk}/change/"
    with translation.override("en"):
        page = admin_client.get(url)
        filled = {f"title_{code}": "Zpráva", f"slug_{code}": "zprava", f"lead_{code}": "Perex"}
        response = admin_client.post(url, form_data(page, **filled))
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert f"Describe the image in {language}" in " ".join(errors[f"image_alt_{code}"])
    assert "image_alt_en" not in errors


@pytest.mark.django_db
def test_the_library_lists_every_image_with_a_thumbnail_and_finds_by_description(media, admin_client):
    first = news_with_image(
        title_cs="Dobrovolníci", slug_cs="dobrovolnici", lead_cs="Perex", image_alt_cs="Dobrovolníci v září"
    )
    second = news_with_image(title_en="Another", slug_en="another", image_alt_en="A harbour")
    with translation.override("en"):
        html = admin_client.get("/admin/images/").content.decode()
        assert f"/media/renditions/{first.image.name}/160.jpg" in html
        assert f"/media/renditions/{second.image.name}/160.jpg" in html
        assert f'href="/admin/news/newsitem/{first.pk}/change/"' in html
        found = admin_client.get("/admin/images/", {"q": "harbour"}).content.decode()
    assert second.image.name in found and first.image.name not in found
    found = admin_client.get("/admin/images/", {"q": "zari"}, HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert first.image.name in found and second.image.name not in found
    assert "Knihovna obrázků" in found


@pytest.mark.django_db
def test_the_library_as_chooser_offers_each_images_public_address_and_description(media, admin_client):
    item = news_with_image()
    with translation.override("en"):
        html = admin_client.get("/admin/images/", {"CKEditorFuncNum": "-1"}).content.decode()
    largest = renditions(item.image).fallback[-1][1]
    assert f'<button type="button" data-url="/media/{largest}" data-alt="A desk">' in html
    assert 'name="CKEditorFuncNum" value="-1"' in html
    assert '<div class="breadcrumbs">' not in html


@pytest.mark.django_db
def test_only_staff_see_the_library(client):
    response = client.get("/admin/images/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
