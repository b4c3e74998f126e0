from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import ModelTitles, PublishableContentAdmin, TranslationStateFilter

from .models import NewsItem
from .views import NewsDetailView


@admin.register(NewsItem)
class NewsItemAdmin(PublishableContentAdmin):
    preview_view = NewsDetailView
    titles = ModelTitles(
        add=_("Add news item"),
        change=_("Change news item"),
        view=_("View news item"),
        select_to_change=_("Select news item to change"),
        select_to_view=_("Select news item to view"),
        delete=_("Delete news item"),
    )
    list_display = ("__str__", "kind", "scope", "status", "published_at", "language_status")
    list_filter = ("status", "kind", "scope", "programmes", TranslationStateFilter)
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("programmes", "projects")
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body", "kind", "scope")}),
        (_("Publication"), {"fields": ("status", "published_at")}),
        (_("Image"), {"fields": ("image", "image_alt", "image_caption", "image_credit")}),
        (_("Media contact"), {"fields": ("media_contact_name", "media_contact_email")}),
        (_("Related"), {"fields": ("programmes", "projects", "key")}),
    )
