from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.staticfiles import apps as staticfiles_apps
from django.db.models.signals import post_migrate


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = "IOM Czechia"

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .admin.roles import sync_roles
        from .images.files import connect_signals as connect_image_signals
        from .public_cache import connect_signals
        from .slug_history import connect_signals as connect_slug_signals
        from .workflow import connect_signals as connect_workflow_signals

        connect_signals()
        connect_slug_signals()
        connect_workflow_signals()
        connect_image_signals()
        post_migrate.connect(sync_roles, sender=self)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the editorial office's own admin site."""

    default = False
    default_site = "core.admin.site.EditorialAdminSite"


class StaticFilesConfig(staticfiles_apps.StaticFilesConfig):
    """Static files without jQuery UI's theme CSS: the admin tabs need only its script, and the
    theme refers to icon images that the packaged jQuery UI does not ship (collectstatic fails)."""

    default = False
    ignore_patterns = [*staticfiles_apps.StaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
