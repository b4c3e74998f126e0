"""Uploaded images: checked with Pillow, stripped of their metadata, and served as responsive
renditions that are made once, stored beside the media, and reused on every later request."""

import hashlib
import io
import json
import logging
import os
import warnings
from dataclasses import dataclass

from django import forms
from django.contrib import admin
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .i18n import language_name
from .models import translated_fields

logger = logging.getLogger(__name__)

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
RENDITION_WIDTHS = (160, 320, 640, 960, 1280, 1920)
RENDITIONS_DIR = "renditions"
RENDITIONS_VERSION = 1


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


class ValidatedImageField(forms.ImageField):
    """The admin's image upload field: `validate_image`'s checks, with their messages, before
    Django's own; the file name's extension is not trusted either way."""

    default_validators = []

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is None:
            return None
        validate_image(file)
        return super().to_python(data)


def image_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.ImageField)]


class ImageAdminMixin:
    """ModelAdmin/InlineModelAdmin mixin: every ImageField is uploaded through ValidatedImageField,
    and the change list of a model with an image shows its thumbnail in the second column."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs["form_class"] = ValidatedImageField
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        list_display = tuple(super().get_list_display(request))
        if not image_fields(self.model) or "thumbnail" in list_display:
            return list_display
        return (*list_display[:1], "thumbnail", *list_display[1:])

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return admin_thumbnail(getattr(obj, image_fields(type(obj))[0].name))


class ImageContent(models.Model):
    """Model mixin for content with images: a new upload is validated in clean() and loses its
    metadata on save; an image with an `<field>_alt` translated field needs alt text in every
    language the item is available in. List it before TranslatedContent."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A new image is checked again (code may save without clean()), stored without metadata,
        and its renditions are made at once, so that no page view has to make them."""
        fresh = []
        for field in image_fields(type(self)):
            file = getattr(self, field.name)
            if file and not file._committed:
                validate_image(file)
                setattr(self, field.name, without_metadata(file))
                fresh.append(field.name)
        super().save(*args, **kwargs)
        for name in fresh:
            forget_renditions(getattr(self, name))
            renditions(getattr(self, name))

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, messages in self.image_errors().items():
            errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def image_errors(self):
        errors = {}
        for field in image_fields(type(self)):
            file = getattr(self, field.name)
            if not file:
                continue
            if not file._committed:
                try:
                    validate_image(file)
                except ValidationError as error:
                    errors.setdefault(field.name, []).extend(error.error_list)
                    continue
            alt = f"{field.name}_alt"
            if alt not in translated_fields(type(self)):
                continue
            for code in self.available_languages():
                if not (getattr(self, f"{alt}_{code}", None) or "").strip():
                    errors.setdefault(f"{alt}_{code}", []).append(
                        ValidationError(
                            _("Describe the image in %(language)s: it is shown to %(language)s readers."),
                            code="image_alt_missing",
                            params={"language": language_name(code)},
                        )
                    )
        return errors


# Renditions ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Renditions:
    """The stored renditions of one image: (width, storage name) pairs per format."""

    width: int
    height: int
    fallback_format: str
    webp: tuple
    fallback: tuple

    def srcset(self, storage, image_format):
        pairs = self.webp if image_format == "webp" else self.fallback
        return ", ".join(f"{storage.url(name)} {width}w" for width, name in pairs)


def _renditions_folder(name):
    return f"{RENDITIONS_DIR}/{name}"


def _manifest_name(name):
    return f"{_renditions_folder(name)}/renditions.json"


def _cache_key(storage, name):
    where = f"{getattr(storage, 'location', '')}|{name}"
    return f"renditions:{RENDITIONS_VERSION}:{hashlib.sha256(where.encode()).hexdigest()}"


def renditions(field_file):
    """The renditions of an image, read from the cache or from their stored manifest, or made
    now if an image has none yet (one saved before this module existed, or whose renditions were
    removed); None when the original cannot be read (logged, never an error page)."""
    if not field_file:
        return None
    name, storage = field_file.name, field_file.storage
    data = cache.get(_cache_key(storage, name))
    if data is None:
        data = _read_manifest(storage, name) or _make_renditions(storage, name)
        if data is None:
            return None
        cache.set(_cache_key(storage, name), data, timeout=None)
    return Renditions(
        width=data["width"],
        height=data["height"],
        fallback_format=data["fallback_format"],
        webp=tuple(map(tuple, data["webp"])),
        fallback=tuple(map(tuple, data["fallback"])),
    )


def forget_renditions(field_file):
    """Drop the renditions recorded for a file name, so a new file under that name gets its own."""
    name, storage = field_file.name, field_file.storage
    cache.delete(_cache_key(storage, name))
    if storage.exists(_manifest_name(name)):
        storage.delete(_manifest_name(name))


def _read_manifest(storage, name):
    manifest = _manifest_name(name)
    if not storage.exists(manifest):
        return None
    with storage.open(manifest, "rb") as stored:
        data = json.loads(stored.read())
    return data if data.get("version") == RENDITIONS_VERSION else None


def _save_replacing(storage, name, content):
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(content))


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "webp":
        image.save(buffer, format="WEBP", quality=80, method=4)
    elif image_format == "jpeg":
        image.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _make_renditions(storage, name):
    try:
        with storage.open(name, "rb") as stored, Image.open(stored) as original:
            image = ImageOps.exif_transpose(original)
            image.load()
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        logger.warning("Cannot make renditions of %s: %s", name, error)
        return None
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    if has_alpha:
        image = image.convert("RGBA")
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    fallback_format = "png" if has_alpha else "jpeg"
    largest = min(image.width, RENDITION_WIDTHS[-1])
    widths = sorted({width for width in RENDITION_WIDTHS if width < largest} | {largest})
    if largest != image.width:
        # Every smaller rendition is made from this one, not from the (much larger) original.
        image = image.resize((largest, max(1, round(image.height * largest / image.width))), Image.Resampling.LANCZOS)
    folder = _renditions_folder(name)
    data = {
        "version": RENDITIONS_VERSION,
        "fallback_format": fallback_format,
        "webp": [],
        "fallback": [],
    }
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS) if width != image.width else image
        for key, image_format in (("webp", "webp"), ("fallback", fallback_format)):
            extension = "jpg" if image_format == "jpeg" else image_format
            stored_name = _save_replacing(storage, f"{folder}/{width}.{extension}", _encode(resized, image_format))
            data[key].append([width, stored_name])
        data["width"], data["height"] = width, height
    _save_replacing(storage, _manifest_name(name), json.dumps(data).encode())
    return data


# Markup --------------------------------------------------------------------------------------


def picture_html(field_file, alt, sizes="100vw", css_class="", loading="lazy"):
    """`<picture>` with a WebP `srcset`, a JPEG/PNG fallback `<img>` and its intrinsic size."""
    found = renditions(field_file)
    if found is None:
        return ""
    storage = field_file.storage
    largest_fallback = found.fallback[-1][1]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}"{} loading="{}" decoding="async">'
        "</picture>",
        found.srcset(storage, "webp"),
        sizes,
        storage.url(largest_fallback),
        found.srcset(storage, found.fallback_format),
        sizes,
        found.width,
        found.height,
        alt or "",
        format_html(' class="{}"', css_class) if css_class else "",
        loading,
    )


def admin_thumbnail(field_file, width=80):
    """A small preview for admin lists: `list_display = (..., "thumbnail")` with
    `def thumbnail(self, obj): return admin_thumbnail(obj.image)`; '—' without an image."""
    found = renditions(field_file)
    if found is None:
        return "—"
    smallest = found.fallback[0][1]
    height = max(1, round(found.height * width / found.width))
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy" class="admin-thumbnail">',
        field_file.storage.url(smallest),
        width,
        height,
    )
