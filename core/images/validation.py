"""What an uploaded image must be (a whole JPEG, PNG or WebP within the byte and pixel limits), and the
copy of it that is stored: upright, without its metadata."""

import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}


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
                _check_pixels(*image.size)
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("The image has too many pixels; at most %(limit)s million are accepted."),
            code="image_too_many_pixels",
            params={"limit": MAX_IMAGE_PIXELS // 1_000_000},
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


def _check_pixels(width, height):
    if width * height > MAX_IMAGE_PIXELS:
        raise ValidationError(
            _("The image is %(width)s × %(height)s pixels; at most %(limit)s million pixels are accepted."),
            code="image_too_many_pixels",
            params={"width": width, "height": height, "limit": MAX_IMAGE_PIXELS // 1_000_000},
        )


def without_metadata(file):
    """A copy of a validated image with its EXIF (GPS, camera, dates) and text chunks removed,
    turned upright first, named with the extension of its real format."""
    file.seek(0)
    with Image.open(file) as original:
        image_format = original.format
        icc_profile = original.info.get("icc_profile")
        transparency = original.info.get("transparency")
        image = ImageOps.exif_transpose(original)
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "JPEG":
        options.update(quality=92, optimize=True)
    elif image_format == "WEBP":
        options.update(quality=90)
    elif transparency is not None:
        options["transparency"] = transparency
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    stem = os.path.splitext(os.path.basename(file.name))[0] or "image"
    return ContentFile(buffer.getvalue(), name=stem + ACCEPTED_FORMATS[image_format])
