"""The admin's one search over every kind of content, and each list's search, by the same rule:
every language, case and diacritics ignored, Latin and Cyrillic spellings alike (`core.search`)."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.search import matching, search_fold

from .roles import content_models

SHOWN_PER_KIND = 20


class ContentSearchMixin:
    """A model admin whose list search reads the item's folded text (`admin_search_text`)."""

    search_fields = ("admin_search_text",)

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return matching(queryset, search_term), False


def searchable_admins(request):
    """The model admins of the content models this user may see, in the order of the admin's home."""
    found = []
    for model in content_models():
        if not admin.site.is_registered(model):
            continue
        model_admin = admin.site.get_model_admin(model)
        if isinstance(model_admin, ContentSearchMixin) and model_admin.has_view_permission(request):
            found.append(model_admin)
    return sorted(found, key=lambda model_admin: str(model_admin.opts.verbose_name_plural).lower())


def content_search(request):
    """Every kind of content that holds the words of `q`, grouped by kind, each item linked to its page."""
    query = request.GET.get("q", "").strip()
    groups = []
    if search_fold(query):
        for model_admin in searchable_admins(request):
            opts = model_admin.opts
            found = matching(model_admin.get_queryset(request), query).order_by("-pk")
            count = found.count()
            if not count:
                continue
            items = [
                (obj, reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
                for obj in found[:SHOWN_PER_KIND]
            ]
            changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            groups.append(
                {
                    "kind": opts.verbose_name_plural,
                    "count": count,
                    "items": items,
                    "more_url": f"{changelist}?{urlencode({'q': query})}" if count > len(items) else None,
                }
            )
    context = {
        **admin.site.each_context(request),
        "title": _("Search all content"),
        "query": query,
        "searched": bool(search_fold(query)),
        "groups": groups,
    }
    return TemplateResponse(request, "admin/content_search.html", context)
