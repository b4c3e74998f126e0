"""`{% picture %}`: a responsive image from its stored renditions (see core.images)."""

from django import template

from core.images.html import picture_html

register = template.Library()


@register.simple_tag
def picture(image, alt, sizes="100vw", css_class="", loading="lazy", crop=None):
    """{% picture item.image item.image_alt sizes="(min-width: 60em) 40rem, 100vw" %}

    Emits <picture> with a WebP srcset and a JPEG (or PNG, for transparent images) fallback
    <img> carrying width, height and alt; nothing at all when there is no image. `crop="1:1"`
    shows the part of that shape around the image's focal point."""
    return picture_html(image, alt, sizes=sizes, css_class=css_class, loading=loading, crop=crop)
