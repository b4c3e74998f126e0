"""The pages that belong to no section: the home page, the language redirect and robots.txt."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.vary import vary_on_headers
from django.views.generic import TemplateView

from core.i18n import absolute
from core.page_cache import language_neutral
from core.views import PageLanguagesMixin, read_only
from history.models import KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Programme


@read_only
@vary_on_headers("Accept-Language", "Cookie")
def root_redirect(request):
    """`/` goes to the reader's language, chosen from Accept-Language (or Django's language cookie)."""
    code = translation.get_language_from_request(request, check_path=False)
    with translation.override(code):
        return redirect(reverse("home"))


@read_only
@language_neutral
def robots_txt(request):
    """Crawlers may read every public page; the sitemap index is named with its absolute URL."""
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {absolute(reverse('sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def organisation_data():
    """schema.org data about the office, for the home page's JSON-LD."""
    return {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": gettext("IOM Czechia"),
        "url": absolute(reverse("home")),
        "logo": absolute(static("images/og-default.png")),
        "parentOrganization": {
            "@type": "Organization",
            "name": "International Organization for Migration",
            "url": "https://www.iom.int/",
        },
    }


class HomeView(PageLanguagesMixin, TemplateView):
    template_name = "home.html"
    url_name = "home"

    def get_context_data(self, **kwargs):
        code = translation.get_language()
        return super().get_context_data(
            key_figures=KeyFigure.objects.visible_in(code),
            latest_news=NewsItem.objects.visible_in(code).latest_first().for_lists()[:4],
            programmes=Programme.objects.visible_in(code).for_lists(),
            highlights=Milestone.objects.visible_in(code).filter(highlight=True).for_lists(),
            structured_data=organisation_data(),
            **kwargs,
        )
