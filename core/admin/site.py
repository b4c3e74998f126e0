"""The admin site of the editorial office: its name, and its translation dashboard among its own URLs."""

from django.contrib import admin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from .dashboard import translation_dashboard
from .slugs import slug_rule_script


class EditorialAdminSite(admin.AdminSite):
    site_header = _("IOM Czechia: editorial office")
    site_title = _("IOM Czechia admin")
    index_title = _("Content of the website")

    def get_urls(self):
        dashboard = path("translations/", self.admin_view(translation_dashboard), name="translation-status")
        slug_rule = path("slug-rule.js", slug_rule_script, name="slug-rule")
        return [dashboard, slug_rule, *super().get_urls()]
