from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    # The site's content: the public cache and the editorial roles cover its models.
    content = True
