"""What an uploaded image must be (a whole JPEG, PNG or WebP within the byte and pixel limits), and the
copy of it that is stored: upright, without its metadata, under a random name."""

import io
import secrets
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .decoding import load_upright

MAX_IMAGE_BYTES = 10 * 1024 * 1024
ACCEPTED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
# A JPEG is decoded at a reduced size (see decoding), so it may be large; Pillow decodes PNG and
# WebP whole, at up to 4 bytes a pixel, so theirs is the limit that keeps an upload within about
# 150 MB of a worker's memory (bench/image_memory.py).
MAX_IMAGE_PIXELS = {"JPEG": 40_000_000, "PNG": 12_000_000, "WEBP": 12_000_000}
# The stored copy of a larger JPEG is decoded at 1/2, 1/4 or 1/8 of its size to fit: at least
# 3 million pixels remain, more than the largest rendition needs.
MAX_STORED_PIXELS = 12_000_000


def _looks_like_svg(head):
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<?xml", b"<svg", b"<!doctype svg")) or b"<svg" in text


def validate_image(file):
    """Raise a ValidationError saying what is wrong unless `file` is a whole JPEG, PNG or WebP
    within the byte and pixel limits. The content decides, never the file name."""
    if file.size > MAX_IMAGE_BYTES:
        raise ValidationError(
            _("The file is %(size)s; an image may be at most %(limit)s."),
            code="image_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(MAX_IMAGE_BYTES)},
        )
    file.seek(0)
    head = file.read(1024)
    file.seek(0)
    if _looks_like_svg(head):
        raise ValidationError(_("SVG images are not accepted: upload a JPEG, PNG or WebP."), code="image_svg")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                if image.format not in ACCEPTED_FORMATS:
                    raise ValidationError(
                        _("This is a %(format)s image; upload a JPEG, PNG or WebP."),
                        code="image_format",
                        params={"format": image.format},
                    )
                _check_pixels(image.format, *image.size)
                if image.format == "JPEG":
                    # Every byte is still decoded, so damage shows, into 1/64 of the memory.
                    image.draft(None, (image.width // 8, image.height // 8))
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The image has too many pixels; at most %(limit)s million are accepted."),
            code="image_too_many_pixels",
            params={"limit": max(MAX_IMAGE_PIXELS.values()) // 1_000_000},
        ) from error
    except UnidentifiedImageError as error:
        raise ValidationError(
            _("This file is not an image: upload a JPEG, PNG or WebP."), code="image_unreadable"
        ) from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        raise ValidationError(
            _("The image is damaged or incomplete (%(error)s); upload it again."),
            code="image_damaged",
            params={"error": error},
        ) from error
    finally:
        file.seek(0)


def _check_pixels(image_format, width, height):
    limit = MAX_IMAGE_PIXELS[image_format]
    if width * height > limit:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels; at most %(limit)s million pixels are accepted."),
            code="image_too_many_pixels",
            params={"width": width, "height": height, "limit": limit // 1_000_000},
        )


def limits_text():
    """The limits in a sentence, for the upload field's help text."""
    return _(
        "JPEG, PNG or WebP, at most %(bytes)s: a JPEG of up to %(jpeg)s million pixels, "
        "a PNG or WebP of up to %(png)s million."
    ) % {
        "bytes": filesizeformat(MAX_IMAGE_BYTES),
        "jpeg": MAX_IMAGE_PIXELS["JPEG"] // 1_000_000,
        "png": MAX_IMAGE_PIXELS["PNG"] // 1_000_000,
    }


def without_metadata(file):
    """A copy of a validated image with its EXIF (GPS, camera, dates) and text chunks removed,
    turned upright first, named at random (so that no one can guess the address of an image not
    yet published) with the extension of its real format."""
    file.seek(0)
    buffer = io.BytesIO()
    with Image.open(file) as image:
        image_format = image.format
        icc_profile = image.info.get("icc_profile")
        transparency = image.info.get("transparency")
        scale = 1
        while scale < 8 and image.width * image.height > MAX_STORED_PIXELS * scale * scale:
            scale *= 2
        load_upright(image, scale)
        options = {"icc_profile": icc_profile} if icc_profile else {}
        if image_format == "JPEG":
            options.update(quality=92, optimize=True)
        elif image_format == "WEBP":
            options.update(quality=90)
        elif transparency is not None:
            options["transparency"] = transparency
        image.save(buffer, format=image_format, **options)
    return File(buffer, name=secrets.token_hex(16) + ACCEPTED_FORMATS[image_format])
