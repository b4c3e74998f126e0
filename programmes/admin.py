from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import (
    ModelTitles,
    PublishableContentAdmin,
    RoleStackedInline,
    RoleTabularInline,
    TranslatedContentAdmin,
    TranslationStateFilter,
)

from .models import Organisation, Programme, Project, ProjectResult
from .views import ProgrammeDetailView, ProjectDetailView

DATES = ("started", "started_precision", "ended", "ended_precision")


@admin.register(Organisation)
class OrganisationAdmin(TranslatedContentAdmin):
    titles = ModelTitles(
        add=_("Add organisation"),
        change=_("Change organisation"),
        view=_("View organisation"),
        select_to_change=_("Select organisation to change"),
        select_to_view=_("Select organisation to view"),
        delete=_("Delete organisation"),
    )
    list_display = ("__str__", "kind", "country", "language_status")
    list_filter = ("kind", TranslationStateFilter)
    fieldsets = ((None, {"fields": ("name", "short_name", "kind", "country", "website", "logo", "key")}),)


class ProjectInline(RoleStackedInline):
    model = Project
    extra = 0
    show_change_link = True
    fields = ("title", "slug", "summary", "status", "published_at", *DATES)
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Programme)
class ProgrammeAdmin(PublishableContentAdmin):
    preview_view = ProgrammeDetailView
    titles = ModelTitles(
        add=_("Add programme"),
        change=_("Change programme"),
        view=_("View programme"),
        select_to_change=_("Select programme to change"),
        select_to_view=_("Select programme to view"),
        delete=_("Delete programme"),
    )
    list_display = ("__str__", "status", "published_at", "order", "language_status")
    list_filter = ("status", TranslationStateFilter)
    prepopulated_fields = {"slug": ("title",)}
    inlines = (ProjectInline,)
    fieldsets = (
        (None, {"fields": ("title", "slug", "summary", "body")}),
        (_("Publication"), {"fields": ("status", "published_at")}),
        (_("Details"), {"fields": (*DATES, "order", "contact_email", "image", "image_alt", "key")}),
    )


class ProjectResultInline(RoleTabularInline):
    model = ProjectResult
    extra = 0
    fields = ("label", "qualifier", "value", "unit", "order")


@admin.register(Project)
class ProjectAdmin(PublishableContentAdmin):
    preview_view = ProjectDetailView
    titles = ModelTitles(
        add=_("Add project"),
        change=_("Change project"),
        view=_("View project"),
        select_to_change=_("Select project to change"),
        select_to_view=_("Select project to view"),
        delete=_("Delete project"),
    )
    list_display = ("__str__", "programme", "status", "started", "ended", "language_status")
    list_filter = ("status", "programme", TranslationStateFilter)
    list_select_related = ("programme",)
    prepopulated_fields = {"slug": ("title",)}
    filter_horizontal = ("funders", "partners")
    inlines = (ProjectResultInline,)
    fieldsets = (
        (None, {"fields": ("programme", "title", "slug", "summary", "body")}),
        (_("Publication"), {"fields": ("status", "published_at")}),
        (_("Details"), {"fields": (*DATES, "code", "budget", "currency", "funders", "partners", "key")}),
    )
