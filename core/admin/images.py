"""Images in the admin: uploads checked before Django's own checks, thumbnails in the lists and
forms, and the focal point set by clicking on the form's thumbnail."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget
from django.db import models
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from core.images.files import image_fields
from core.images.focal import focal_point, parse_focal_point, set_focal_point
from core.images.renditions import remove_crops, renditions
from core.images.validation import limits_text, validate_image

FOCAL_SUFFIX = "__focal"


class ImageWithFocalPointWidget(AdminFileWidget):
    """The upload input, under a thumbnail of the stored image on which a click sets its focal
    point (static/vendor/focal-point.js), sent as "x,y" in `<name>__focal`."""

    template_name = "admin/widgets/image_focal_point.html"

    class Media:
        js = ["vendor/focal-point.js"]
        css = {"all": ["css/admin-editing.css"]}

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if value and getattr(value, "name", None) and getattr(value, "_committed", False):
            x, y = focal_point(value.name)
            context["widget"].update(
                thumbnail=admin_thumbnail(value, width=320),
                focal_name=name + FOCAL_SUFFIX,
                focal_value=f"{x:.4f},{y:.4f}",
            )
        return context


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
            kwargs["widget"] = ImageWithFocalPointWidget
            kwargs.setdefault("help_text", db_field.help_text or limits_text())
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        save_focal_points(request, obj, form)

    def get_list_display(self, request):
        list_display = tuple(super().get_list_display(request))
        if not image_fields(self.model) or "thumbnail" in list_display:
            return list_display
        return (*list_display[:1], "thumbnail", *list_display[1:])

    @admin.display(description=_("image"))
    def thumbnail(self, obj):
        return admin_thumbnail(getattr(obj, image_fields(type(obj))[0].name))


def save_focal_points(request, obj, form):
    """Record the focal points the form sent for the images the item keeps; a new upload starts
    at the centre (its thumbnail, and so the point, is offered once it is saved)."""
    for field in image_fields(type(obj)):
        file = getattr(obj, field.name)
        if not file or field.name in form.changed_data:
            continue
        point = parse_focal_point(request.POST.get(form.add_prefix(field.name) + FOCAL_SUFFIX))
        if point is not None and point != focal_point(file.name):
            set_focal_point(file.name, *point)
            remove_crops(file.storage, file.name)


def admin_thumbnail(field_file, width=80):
    """A small preview for admin lists: `list_display = (..., "thumbnail")` with
    `def thumbnail(self, obj): return admin_thumbnail(obj.image)`; '—' without an image."""
    found = renditions(field_file)
    if found is None:
        return "—"
    # The smallest rendition that is at least as wide as the thumbnail (or the largest there is).
    chosen = next((name for rendition_width, name in found.fallback if rendition_width >= width), found.fallback[-1][1])
    height = max(1, round(found.height * width / found.width))
    return format_html(
        '<img src="{}" width="{}" height="{}" alt="" loading="lazy" class="admin-thumbnail">',
        field_file.storage.url(chosen),
        width,
        height,
    )
