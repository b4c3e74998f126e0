"""The HTML of an image on a public page: `<picture>` from its stored renditions."""

from django.utils.html import format_html

from .renditions import renditions


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
