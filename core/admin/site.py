"""The admin site of the editorial office: its name, and its own pages (the translation dashboard,
the search over all content, the image library, the slug rule's script, each user's preferences)
among its URLs."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .dashboard import translation_dashboard
from .library import image_library
from .preferences import preferences_view
from .search import content_search
from .slugs import slug_rule_script


class EditorialAdminSite(admin.AdminSite):
    site_header = _("IOM Czechia: editorial office")
    site_title = _("IOM Czechia admin")
    index_title = _("Content of the website")

    def index(self, request, extra_context=None):
        """The home page with the team's panels (`home`) above the list of models."""
        from .home import panels

        return super().index(request, {**(extra_context or {}), "workflow_panels": panels(request)})

    def get_urls(self):
        dashboard = path("translations/", self.admin_view(translation_dashboard), name="translation-status")
        library = path("images/", self.admin_view(image_library), name="image-library")
        slug_rule = path("slug-rule.js", slug_rule_script, name="slug-rule")
        search = path("search/", self.admin_view(content_search), name="content-search")
        preferences = path("preferences/", self.admin_view(preferences_view), name="preferences")
        return [dashboard, library, slug_rule, search, preferences, *super().get_urls()]
