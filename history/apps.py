from django.apps import AppConfig


class HistoryConfig(AppConfig):
    name = "history"
    # The site's content: the public cache and the editorial roles cover its models.
    content = True
