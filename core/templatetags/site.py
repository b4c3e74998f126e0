"""Template helpers for the public pages: JSON-LD, absolute URLs and figures with their units."""

import json
from decimal import Decimal

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.template.defaultfilters import floatformat
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.i18n import absolute

register = template.Library()

# The characters that could end a <script> element or open a comment, escaped as json_script does.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.simple_tag
def json_ld(data):
    """A <script type="application/ld+json"> element whose content cannot break out of it."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


@register.filter
def absolute_url(path):
    return absolute(path) if path else ""


@register.filter
def number(value):
    """A decimal in the active language's format with only the decimals it needs: 7,500 / 7.6."""
    if value is None:
        return ""
    value = Decimal(value).normalize()
    decimals = max(0, -value.as_tuple().exponent)
    return floatformat(value, f"{decimals}g")


@register.filter
def available_here(item):
    """Whether an item can be linked to from a page in the active language."""
    return item.is_live and item.is_available_in(translation.get_language())


@register.filter
def machine_datetime(value):
    """A date-time for <time datetime>, in Prague time to the second: 2023-12-19T10:00:00+01:00."""
    return timezone.localtime(value).replace(microsecond=0).isoformat() if value else ""
