from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "news"
    # The site's content: the public cache and the editorial roles cover its models.
    content = True
