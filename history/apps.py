from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = _("History")
    # The site's content: the public cache and the editorial roles cover its models.
    content = True
