"""The admin site of the editorial office: its name, and its translation dashboard and image library
among its own URLs."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .dashboard import translation_dashboard
from .library import image_library


class EditorialAdminSite(admin.AdminSite):
    site_header = _("IOM Czechia: editorial office")
    site_title = _("IOM Czechia admin")
    index_title = _("Content of the website")

    def get_urls(self):
        dashboard = path("translations/", self.admin_view(translation_dashboard), name="translation-status")
        library = path("images/", self.admin_view(image_library), name="image-library")
        return [dashboard, library, *super().get_urls()]
