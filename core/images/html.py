"""The HTML of an image on a public page: `<picture>` from its stored renditions."""

from django.utils.html import format_html

from .renditions import renditions


def parse_ratio(text):
    """(1, 1) from "1:1"; None for no crop."""
    if not text:
        return None
    width, height = (int(part) for part in str(text).split(":"))
    return width, height


def picture_html(field_file, alt, sizes="100vw", css_class="", loading="lazy", crop=None):
    """`<picture>` with a WebP `srcset`, a JPEG/PNG fallback `<img>` and its intrinsic size;
    with `crop` ("1:1"), of the part of that shape around the image's focal point."""
    found = renditions(field_file, parse_ratio(crop))
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
