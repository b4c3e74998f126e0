from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableContentAdmin, TranslatedContentAdmin, TranslationStateFilter

from .models import Director, KeyFigure, Milestone


@admin.register(Director)
class DirectorAdmin(TranslatedContentAdmin):
    list_display = ("name", "role", "started", "ended", "order", "language_status")
    list_filter = (TranslationStateFilter,)
    fieldsets = (
        (None, {"fields": ("name", "role", "biography", "photo")}),
        (
            _("Tenure"),
            {"fields": ("started", "started_precision", "ended", "ended_precision", "order", "key")},
        ),
    )


@admin.register(Milestone)
class MilestoneAdmin(PublishableContentAdmin):
    list_display = ("__str__", "date", "theme", "highlight", "status", "language_status")
    list_filter = ("status", "theme", "highlight", "programme", TranslationStateFilter)
    list_select_related = ("programme",)
    prepopulated_fields = {"slug": ("title",)}
    fieldsets = (
        (None, {"fields": ("title", "slug", "body", "theme", "programme", "highlight")}),
        (_("When"), {"fields": ("date", "date_precision", "end", "end_precision")}),
        (_("Publication"), {"fields": ("status", "published_at")}),
        (_("Image"), {"fields": ("image", "image_alt", "key")}),
    )


@admin.register(KeyFigure)
class KeyFigureAdmin(TranslatedContentAdmin):
    list_display = ("__str__", "qualifier", "value", "unit", "as_of", "order", "language_status")
    list_filter = (TranslationStateFilter,)
    fieldsets = (
        (None, {"fields": ("label", "qualifier", "value", "unit", "as_of")}),
        (_("Source"), {"fields": ("source", "source_url", "order", "key")}),
    )
