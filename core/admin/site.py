"""The admin site of the editorial office: its name, and its translation dashboard among its own URLs."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .dashboard import translation_dashboard


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
        return [dashboard, *super().get_urls()]
