from django.apps import AppConfig
from django.contrib.staticfiles.apps import StaticFilesConfig as BaseStaticFilesConfig


class IomczConfig(AppConfig):
    default = True
    name = "iomcz"
    verbose_name = "IOM Czechia"

    def ready(self):
        from .public_cache import connect_signals

        connect_signals()


class StaticFilesConfig(BaseStaticFilesConfig):
    """Static files without jQuery UI's theme CSS: the admin tabs need only its script, and the
    theme refers to icon images that the packaged jQuery UI does not ship (collectstatic fails)."""

    ignore_patterns = [*BaseStaticFilesConfig.ignore_patterns, "jquery-ui*.css", "themes"]
