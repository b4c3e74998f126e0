from axes import apps as axes_apps
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.contrib.staticfiles import apps as staticfiles_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "core"
    verbose_name = _("IOM Czechia")

    def ready(self):
        from . import checks  # noqa: F401  (registers the system checks)
        from .admin.library_models import register_with_titles
        from .admin.roles import sync_roles
        from .images.files import connect_signals as connect_image_signals
        from .public_cache import connect_signals
        from .slug_history import connect_signals as connect_slug_signals
        from .workflow import connect_signals as connect_workflow_signals

        connect_signals()
        connect_slug_signals()
        connect_workflow_signals()
        # After the admin's autodiscovery (django.contrib.admin's ready(), earlier in INSTALLED_APPS).
        register_with_titles()
        connect_image_signals()
        post_migrate.connect(sync_roles, sender=self)


class AdminConfig(admin_apps.AdminConfig):
    """Django's admin with the editorial office's own admin site."""

    default = False
    default_site = "core.admin.site.EditorialAdminSite"


class AxesConfig(axes_apps.AppConfig):
    """django-axes with a translated name for its section of the admin (its own is "Axes")."""

    default = False
    verbose_name = _("Logins")


class StaticFilesConfig(staticfiles_apps.StaticFilesConfig):
    """Static files without jQuery UI's theme CSS: the admin tabs need only its script, and the
    theme refers to icon images that the packaged jQuery UI does not ship (collectstatic fails)."""

    default = False
    ignore_patterns = [*staticfiles_apps.StaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
