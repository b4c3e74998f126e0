from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableContentAdmin, TranslationStateFilter, in_every_language

from .models import NewsItem
from .views import NewsDetailView


@admin.register(NewsItem)
class NewsItemAdmin(PublishableContentAdmin):
    preview_view = NewsDetailView
    list_display = ("__str__", "kind", "scope", "status", "published_at", "language_status")
    list_filter = ("status", "kind", "scope", "programmes", TranslationStateFilter)
    date_hierarchy = "published_at"
    search_fields = (*in_every_language("title", "lead", "body"), "key")
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("programmes", "projects")
    fieldsets = (
        (None, {"fields": ("title", "slug", "lead", "body", "kind", "scope")}),
        (_("Publication"), {"fields": ("status", "published_at")}),
        (_("Image"), {"fields": ("image", "image_alt", "image_caption", "image_credit")}),
        (_("Media contact"), {"fields": ("media_contact_name", "media_contact_email")}),
        (_("Related"), {"fields": ("programmes", "projects", "key")}),
    )
