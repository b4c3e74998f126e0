"""The image library: every image the site's content shows, with its thumbnail, searchable. Opened
from the rich-text editor's figure dialog ("Browse…"), it is the image chooser: a click puts the
image's public address and its description into the dialog."""

from dataclasses import dataclass

from django.contrib import admin
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from core.i18n import LANGUAGE_CODES
from core.images.files import image_fields, models_with_images
from core.images.renditions import renditions
from core.text import search_key

from .images import admin_thumbnail

PER_PAGE = 48
CHOOSER_PARAMETER = "CKEditorFuncNum"  # the name django-prose-editor's figure dialog sends


@dataclass(frozen=True)
class LibraryImage:
    file: object
    item: object
    alt: str
    kind: str
    change_url: str

    @property
    def public_url(self):
        """The address a page embeds: the largest rendition, at most 1920 pixels wide."""
        found = renditions(self.file)
        return self.file.storage.url(found.fallback[-1][1]) if found else self.file.url

    @property
    def thumbnail(self):
        return admin_thumbnail(self.file, width=160)


def _change_url(item):
    opts = item._meta
    try:
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk])
    except NoReverseMatch:
        return ""


def library_images(query="", request=None):
    """Each stored image once, with the first item that shows it, newest items first within each
    kind of content; `query` matches the item's name, the image's description in any language
    and its file name, without regard to case or diacritics ("zari" finds "září")."""
    wanted = search_key(query).split()
    found = {}
    for model in models_with_images():
        if not admin.site.is_registered(model):
            continue
        if request is not None and not admin.site.get_model_admin(model).has_view_permission(request):
            continue
        for field in image_fields(model):
            rows = model._base_manager.exclude(**{field.name: ""}).exclude(**{f"{field.name}__isnull": True})
            for item in rows.order_by("-pk"):
                file = getattr(item, field.name)
                if file.name in found:
                    continue
                alt = getattr(item, f"{field.name}_alt", "") or ""
                alts = " ".join(getattr(item, f"{field.name}_alt_{code}", "") or "" for code in LANGUAGE_CODES)
                haystack = search_key(f"{item} {alt} {alts} {file.name} {model._meta.verbose_name}")
                if all(word in haystack for word in wanted):
                    found[file.name] = LibraryImage(file, item, alt, model._meta.verbose_name, _change_url(item))
    return list(found.values())


def image_library(request):
    query = request.GET.get("q", "").strip()
    chooser = request.GET.get(CHOOSER_PARAMETER, "")
    page = Paginator(library_images(query, request), PER_PAGE).get_page(request.GET.get("page"))
    context = {
        **admin.site.each_context(request),
        "title": _("Image library"),
        "query": query,
        "chooser": chooser,
        "chooser_parameter": CHOOSER_PARAMETER,
        "is_popup": bool(chooser),
        "page": page,
    }
    return TemplateResponse(request, "admin/image_library.html", context)
