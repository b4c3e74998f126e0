from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableContentAdmin, TranslationStateFilter

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(PublishableContentAdmin):
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
