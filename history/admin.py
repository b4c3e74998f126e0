from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ModelTitles,
    PublishableContentAdmin,
    TranslatedContentAdmin,
    TranslationStateFilter,
)

from .models import Director, KeyFigure, Milestone


@admin.register(Director)
class DirectorAdmin(TranslatedContentAdmin):
    titles = ModelTitles(
        add=_("Add director"),
        change=_("Change director"),
        view=_("View director"),
        select_to_change=_("Select director to change"),
        select_to_view=_("Select director to view"),
        delete=_("Delete director"),
    )
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
    titles = ModelTitles(
        add=_("Add milestone"),
        change=_("Change milestone"),
        view=_("View milestone"),
        select_to_change=_("Select milestone to change"),
        select_to_view=_("Select milestone to view"),
        delete=_("Delete milestone"),
    )
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
    titles = ModelTitles(
        add=_("Add key figure"),
        change=_("Change key figure"),
        view=_("View key figure"),
        select_to_change=_("Select key figure to change"),
        select_to_view=_("Select key figure to view"),
        delete=_("Delete key figure"),
    )
    list_display = ("__str__", "qualifier", "value", "unit", "as_of", "order", "language_status")
    list_filter = (TranslationStateFilter,)
    fieldsets = (
        (None, {"fields": ("label", "qualifier", "value", "unit", "as_of")}),
        (_("Source"), {"fields": ("source", "source_url", "order", "key")}),
    )
