"""Images in the admin: uploads checked before Django's own checks, and thumbnails in the lists."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.images.files import image_fields
from core.images.renditions import renditions
from core.images.validation import limits_text, validate_image


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


class ImageAdminMixin:
    """ModelAdmin/InlineModelAdmin mixin: every ImageField is uploaded through ValidatedImageField,
    which states the limits, and the change list of a model with an image shows its thumbnail in
    the second column."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.ImageField):
            kwargs["form_class"] = ValidatedImageField
            kwargs.setdefault("help_text", db_field.help_text or limits_text())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_list_display(self, request):
        list_display = tuple(super().get_list_display(request))
        if not image_fields(self.model) or "thumbnail" in list_display:
            return list_display
        return (*list_display[:1], "thumbnail", *list_display[1:])

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return admin_thumbnail(getattr(obj, image_fields(type(obj))[0].name))


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
