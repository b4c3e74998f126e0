import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.utils import translation
from PIL import ExifTags, Image

from core.admin.images import ValidatedImageField, admin_thumbnail
from core.images import renditions as rendition_module
from core.images.renditions import renditions
from core.images.validation import MAX_IMAGE_BYTES
from news.models import NewsItem


def image_bytes(image_format="JPEG", size=(1200, 800), mode="RGB", exif=None):
    image = Image.new(mode, size, (200, 40, 40, 128) if mode == "RGBA" else (200, 40, 40))
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **({"exif": exif} if exif is not None else {}))
    return buffer.getvalue()


def upload(content, name="photo.jpg"):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def png_header_claiming(width, height):
    """A PNG whose header claims a huge size while the file itself is tiny: a decompression bomb."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
        + chunk(b"IEND", b"")
    )


def gps_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (50.0, 5.0, 17.0)}
    return exif


def refusal(content, name="photo.jpg"):
    with pytest.raises(ValidationError) as error:
        ValidatedImageField().clean(upload(content, name))
    return " ".join(error.value.messages)


def news_with_image(content, name="photo.jpg", **fields):
    item = NewsItem(title_en="With a photo", lead_en="Lead", image_alt_en="Volunteers at a desk", **fields)
    item.image = upload(content, name)
    item.full_clean()
    item.save()
    return item


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_real_jpeg_png_and_webp_images_are_accepted(image_format):
    cleaned = ValidatedImageField().clean(upload(image_bytes(image_format), f"photo.{image_format.lower()}"))
    assert cleaned.image.format == image_format


def test_the_content_decides_not_the_extension():
    cleaned = ValidatedImageField().clean(upload(image_bytes("PNG"), "photo.jpg"))
    assert cleaned.image.format == "PNG"
    assert "GIF" in refusal(image_bytes("GIF"), "photo.jpg")


@pytest.mark.django_db
def test_a_jpg_that_is_really_a_png_is_stored_under_its_real_extension(media):
    item = news_with_image(image_bytes("PNG"), "photo.jpg")
    assert item.image.name.endswith(".png")
    with Image.open(item.image.path) as stored:
        assert stored.format == "PNG"


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (image_bytes("GIF"), "anim.gif", "GIF image"),
        (image_bytes("BMP"), "scan.bmp", "BMP image"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "logo.svg",
            "SVG images are not accepted",
        ),
        (
            b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
            "logo.png",
            "SVG images are not accepted",
        ),
        (b"Just some notes, not a picture.\n", "notes.jpg", "not an image"),
        (b"", "empty.jpg", "empty"),
    ],
)
def test_other_files_are_refused_with_a_message_saying_why(content, name, says):
    assert says in refusal(content, name)


def test_a_truncated_image_is_refused_as_damaged():
    content = image_bytes("JPEG", size=(800, 600))
    assert "damaged or incomplete" in refusal(content[: len(content) // 2])


@pytest.mark.parametrize("size", [(8000, 6000), (30000, 30000)])
def test_decompression_bombs_are_refused_before_they_are_decoded(size):
    assert "pixels" in refusal(png_header_claiming(*size), "bomb.png")


def test_a_file_over_the_byte_limit_is_refused():
    content = image_bytes("JPEG", size=(64, 64))
    content += b"\0" * (MAX_IMAGE_BYTES + 1 - len(content))
    assert "an image may be at most 10.0" in refusal(content)


@pytest.mark.django_db
def test_gps_and_other_exif_metadata_are_removed_on_save(media):
    content = image_bytes("JPEG", exif=gps_exif())
    with Image.open(io.BytesIO(content)) as original:
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    item = news_with_image(content)
    with Image.open(item.image.path) as stored:
        assert not stored.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert ExifTags.Base.Make not in stored.getexif()
    assert b"Phone" not in Path(item.image.path).read_bytes()


@pytest.mark.django_db
def test_a_photo_turned_by_its_exif_orientation_is_stored_upright(media):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    item = news_with_image(image_bytes("JPEG", size=(1200, 800), exif=exif))
    with Image.open(item.image.path) as stored:
        assert stored.size == (800, 1200)


@pytest.mark.django_db
def test_the_model_refuses_a_bad_image_even_without_a_form(media):
    item = NewsItem(title_en="Bomb", lead_en="Lead", image_alt_en="Nothing")
    item.image = upload(png_header_claiming(30000, 30000), "bomb.png")
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "image" in error.value.message_dict
    with pytest.raises(ValidationError):
        item.save()
    assert not NewsItem.objects.exists()
    assert not any(media.rglob("*.png"))


@pytest.mark.django_db
def test_an_image_needs_alt_text_in_every_language_the_item_is_shown_in(media):
    item = NewsItem(title_en="Photo", lead_en="Lead", image_alt_en="A desk", title_cs="Foto", lead_cs="Perex")
    item.image = upload(image_bytes("JPEG"))
    with translation.override("en"), pytest.raises(ValidationError) as error:
        item.full_clean()
    assert list(error.value.message_dict) == ["image_alt_cs"]
    assert "Czech" in error.value.message_dict["image_alt_cs"][0]


def validation_errors(item):
    """{field: messages} of what full_clean() refuses in `item`; {} when it accepts the item."""
    try:
        item.full_clean()
    except ValidationError as error:
        return error.message_dict
    return {}


@pytest.mark.django_db
def test_alt_text_is_not_asked_for_without_an_image_or_in_a_language_the_item_lacks(media):
    without_image = NewsItem(title_en="No photo", lead_en="Lead")
    english_only = NewsItem(title_en="With a photo", lead_en="Lead", image_alt_en="Volunteers at a desk")
    english_only.image = upload(image_bytes("JPEG"))
    assert validation_errors(without_image) == {}
    assert validation_errors(english_only) == {}


def render_picture(item, sizes="(min-width: 60em) 40rem, 100vw"):
    template = Template('{% load images %}{% picture item.image item.image_alt sizes=sizes css_class="lead" %}')
    return template.render(Context({"item": item, "sizes": sizes}))


@pytest.mark.django_db
def test_the_picture_tag_offers_webp_and_a_jpeg_fallback_in_several_widths(media):
    item = news_with_image(image_bytes("JPEG", size=(1500, 1000)))
    html = render_picture(item)
    found = renditions(item.image)
    assert [width for width, _name in found.webp] == [160, 320, 640, 960, 1280, 1500]
    assert html.startswith('<picture><source type="image/webp" srcset="/media/renditions/news/')
    assert " 640w, " in html and ".webp 1500w" in html and ".jpg 1500w" in html
    assert 'sizes="(min-width: 60em) 40rem, 100vw"' in html
    assert 'width="1500" height="1000" alt="Volunteers at a desk" class="lead" loading="lazy"' in html
    for _width, name in found.webp + found.fallback:
        assert (media / name).is_file()
    with Image.open(media / found.webp[0][1]) as smallest:
        assert (smallest.format, smallest.size) == ("WEBP", (160, 107))


@pytest.mark.django_db
def test_a_transparent_png_falls_back_to_png_and_is_never_enlarged(media):
    item = news_with_image(image_bytes("PNG", size=(300, 200), mode="RGBA"), "logo.png")
    found = renditions(item.image)
    assert found.fallback_format == "png"
    assert [width for width, _name in found.fallback] == [160, 300]
    assert f'srcset="/media/renditions/{item.image.name}/160.png 160w' in render_picture(item)


@pytest.mark.django_db
def test_renditions_are_made_once_on_save_and_pages_then_do_no_image_work(media, monkeypatch):
    item = news_with_image(image_bytes("JPEG", size=(1000, 700)))
    made = {path: path.stat().st_mtime_ns for path in (media / "renditions").rglob("*")}
    assert len(made) == 2 * 5 + 1 + 2  # five widths in two formats, the manifest, two folders

    def no_image_work(*args, **kwargs):
        raise AssertionError("an image was opened to render a page")

    monkeypatch.setattr(rendition_module.Image, "open", no_image_work)
    first = render_picture(item)
    assert "1000w" in first and render_picture(item) == first
    from django.core.cache import cache

    cache.clear()
    assert render_picture(item) == first
    assert {path: path.stat().st_mtime_ns for path in (media / "renditions").rglob("*")} == made


def test_an_image_saved_without_renditions_gets_them_on_first_use_only(media):
    from django.core.files.storage import default_storage

    name = default_storage.save("news/older.jpg", io.BytesIO(image_bytes("JPEG", size=(700, 400))))
    image = NewsItem(image=name).image
    assert not (media / "renditions").exists()
    html = render_picture(NewsItem(image=name, image_alt_en="Older"))
    assert renditions(image).width == 700 and "700w" in html
    manifest = media / "renditions" / "news" / "older.jpg" / "renditions.json"
    assert manifest.is_file()


@pytest.mark.django_db
def test_a_missing_image_file_renders_nothing_instead_of_an_error(media):
    item = NewsItem(image="news/lost-in-a-restore.jpg", image_alt_en="Lost")
    assert render_picture(item) == ""
    assert admin_thumbnail(item.image) == "—"


@pytest.mark.django_db
def test_no_image_renders_nothing(media):
    assert render_picture(NewsItem(title_en="No photo")) == ""


@pytest.mark.django_db
def test_the_admin_thumbnail_uses_the_smallest_rendition(media):
    item = news_with_image(image_bytes("JPEG", size=(1200, 600)))
    assert admin_thumbnail(item.image) == (
        f'<img src="/media/renditions/{item.image.name}/160.jpg" width="80" height="40" alt="" loading="lazy"'
        ' class="admin-thumbnail">'
    )


@pytest.mark.django_db
def test_the_news_page_shows_its_image_as_a_responsive_picture_with_its_alt_text(media, client):
    import datetime

    from django.utils import timezone

    item = news_with_image(image_bytes("JPEG", size=(800, 600)), status="published")
    item.published_at = timezone.now() - datetime.timedelta(minutes=1)
    item.save()
    with translation.override("en"):
        html = client.get(item.get_absolute_url()).content.decode()
    assert f'<picture><source type="image/webp" srcset="/media/renditions/{item.image.name}/160.webp 160w' in html
    assert 'width="800" height="600" alt="Volunteers at a desk" loading="eager"' in html


def admin_add_news(admin_client, image, **changes):
    from testing.admin_support import form_data

    url = "/admin/news/newsitem/add/"
    with translation.override("en"):
        data = form_data(admin_client.get(url), title_en="Photo story", lead_en="Lead.", **changes)
        data["image"] = image
        return admin_client.post(url, data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (png_header_claiming(30000, 30000), "bomb.png", "too many pixels"),
        (png_header_claiming(8000, 6000), "big.png", "8000 × 6000 pixels"),
        (image_bytes("JPEG")[:2000], "cut.jpg", "damaged or incomplete"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "x.svg", "SVG images are not accepted"),
    ],
)
def test_a_bad_upload_in_the_admin_is_a_form_error_and_nothing_is_saved(media, admin_client, content, name, says):
    response = admin_add_news(admin_client, upload(content, name), image_alt_en="Alt")
    assert response.status_code == 200
    assert says in " ".join(response.context["adminform"].form.errors["image"])
    assert not NewsItem.objects.exists()
    assert not any(media.rglob("*.*"))


@pytest.mark.django_db
def test_an_admin_upload_without_alt_text_is_refused_naming_the_language(media, admin_client):
    response = admin_add_news(admin_client, upload(image_bytes("JPEG")))
    assert response.status_code == 200
    assert "Describe the image in English" in " ".join(response.context["adminform"].form.errors["image_alt_en"])


@pytest.mark.django_db
def test_an_admin_upload_is_stored_without_metadata_and_listed_with_a_thumbnail(media, admin_client):
    response = admin_add_news(admin_client, upload(image_bytes("JPEG", exif=gps_exif())), image_alt_en="A desk")
    assert response.status_code == 302
    item = NewsItem.objects.get()
    with Image.open(item.image.path) as stored:
        assert not stored.getexif()
    with translation.override("en"):
        listing = admin_client.get("/admin/news/newsitem/").content.decode()
    assert f'<td class="field-thumbnail"><img src="/media/renditions/{item.image.name}/160.jpg" width="80"' in listing


@pytest.mark.django_db
def test_an_image_wider_than_the_largest_rendition_is_scaled_down_to_it_once(media):
    item = news_with_image(image_bytes("JPEG", size=(2400, 300)))
    found = renditions(item.image)
    assert [width for width, _name in found.webp] == [160, 320, 640, 960, 1280, 1920]
    assert (found.width, found.height) == (1920, 240)


@pytest.mark.django_db
def test_the_stored_copy_of_a_jpeg_over_the_stored_pixel_limit_is_decoded_at_half_size(media, monkeypatch):
    monkeypatch.setattr("core.images.validation.MAX_STORED_PIXELS", 1_000_000)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    item = news_with_image(image_bytes("JPEG", size=(1600, 1000), exif=exif))
    with Image.open(item.image.path) as stored:
        assert stored.size == (500, 800)
    png = news_with_image(image_bytes("PNG", size=(1600, 1000)), "chart.png", slug_en="a-chart")
    with Image.open(png.image.path) as stored:
        assert stored.size == (1600, 1000)


def test_a_png_or_webp_may_have_fewer_pixels_than_a_jpeg():
    assert "4000 × 3001 pixels; at most 12 million" in refusal(png_header_claiming(4000, 3001), "chart.png")
    cleaned = ValidatedImageField().clean(upload(image_bytes("JPEG", size=(4000, 3001))))
    assert cleaned.image.size == (4000, 3001)


@pytest.mark.django_db
def test_the_renditions_of_a_wide_jpeg_are_made_from_a_reduced_decoding(media, monkeypatch):
    decoded = []
    real_load_upright = rendition_module.load_upright

    def recording(image, scale=1):
        decoded.append(real_load_upright(image, scale).size)
        return image

    monkeypatch.setattr(rendition_module, "load_upright", recording)
    item = news_with_image(image_bytes("JPEG", size=(7680, 200)))
    assert decoded == [(3840, 100)]
    assert (renditions(item.image).width, renditions(item.image).height) == (1920, 50)


@pytest.mark.django_db
def test_the_admin_upload_field_states_the_limits(admin_client):
    with translation.override("en"):
        html = admin_client.get("/admin/news/newsitem/add/").content.decode()
    assert "JPEG, PNG or WebP, at most 10.0\xa0MB: a JPEG of up to 40 million pixels, a PNG or WebP of up to 12" in html
