"""Focal points: where the subject of a stored image is, so that a crop keeps it in view.

A focal point belongs to a stored image (by its storage name), not to the item that shows it,
so that every model with an image field has one without a column of its own."""

from django.core.cache import cache
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CENTRE = (0.5, 0.5)
_UNIT = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class FocalPoint(models.Model):
    """(x, y) from 0 to 1 across and down the upright image; (0.5, 0.5) is its centre."""

    name = models.CharField(_("image"), max_length=255, unique=True)
    x = models.FloatField(_("across"), validators=_UNIT)
    y = models.FloatField(_("down"), validators=_UNIT)

    class Meta:
        app_label = "core"
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")

    def __str__(self):
        return f"{self.name} ({self.x:.2f}, {self.y:.2f})"


def _cache_key(name):
    return f"focal-point:{name}"


def focal_point(name):
    """The focal point of a stored image; its centre when none was set."""
    if not name:
        return CENTRE
    found = cache.get(_cache_key(name))
    if found is None:
        row = FocalPoint.objects.filter(name=name).values_list("x", "y").first()
        found = tuple(row) if row else CENTRE
        cache.set(_cache_key(name), found, timeout=None)
    return tuple(found)


def set_focal_point(name, x, y):
    """Record where the subject of `name` is; values outside 0..1 are brought inside."""
    x, y = (min(1.0, max(0.0, float(value))) for value in (x, y))
    FocalPoint.objects.update_or_create(name=name, defaults={"x": x, "y": y})
    cache.delete(_cache_key(name))
    return x, y


def parse_focal_point(text):
    """(x, y) from the form's "x,y", or None when it is empty or not two numbers from 0 to 1."""
    try:
        x, y = (float(part) for part in (text or "").split(","))
    except ValueError:
        return None
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        return None
    return x, y


def crop_box(width, height, ratio, focus):
    """The largest box of the given width:height `ratio` inside a width × height image, centred
    on the focal point `focus` as far as the image's edges allow: (left, top, right, bottom)."""
    ratio_width, ratio_height = ratio
    crop_width = min(width, round(height * ratio_width / ratio_height))
    crop_height = min(height, round(width * ratio_height / ratio_width))
    left = round(focus[0] * width - crop_width / 2)
    top = round(focus[1] * height - crop_height / 2)
    left = min(max(0, left), width - crop_width)
    top = min(max(0, top), height - crop_height)
    return left, top, left + crop_width, top + crop_height
