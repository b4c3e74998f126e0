"""The public pages the quality tests visit: one of each page type, per language."""

from django.urls import reverse
from django.utils import translation

from core.i18n import LANGUAGE_CODES
from news.models import NewsItem
from programmes.models import Programme, Project


def first_available(queryset, code, what):
    item = queryset.visible_in(code).first()
    if item is None:
        raise AssertionError(f"The shipped content has no published {what} available in {code!r}.")
    return item


def public_pages(code):
    """{page type: path} for language `code`, with items taken from the database."""
    with translation.override(code):
        news = first_available(NewsItem.objects.latest_first(), code, "news item")
        programme = first_available(Programme.objects.filter(projects__isnull=False).distinct(), code, "programme")
        project = first_available(Project.objects.all(), code, "project")
        return {
            "home": reverse("home"),
            "news list": reverse("news:list"),
            "news item": news.get_absolute_url(),
            "history": reverse("history:timeline"),
            "programmes list": reverse("programmes:list"),
            "programme": programme.get_absolute_url(),
            "project": project.get_absolute_url(),
            "not found": reverse("news:detail", kwargs={"slug": "no-such-news-item"}),
        }


def every_public_page():
    """[(language, page type, path)] for every language and page type."""
    return [(code, name, path) for code in LANGUAGE_CODES for name, path in public_pages(code).items()]


def expected_status(page_type):
    return 404 if page_type == "not found" else 200


def report(problems):
    """A failure message with one block per page, readable in a CI log."""
    blocks = []
    for page, details in problems.items():
        lines = details if isinstance(details, list) else [details]
        blocks.append("\n".join([f"{page}:", *(f"  - {line}" for line in lines)]))
    return "\n".join(blocks)
