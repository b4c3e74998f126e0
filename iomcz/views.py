from django.shortcuts import redirect
from django.utils import translation
from django.views.generic import TemplateView

from history.models import KeyFigure
from news.models import NewsItem
from programmes.models import Programme


def root_redirect(request):
    """`/` goes to the reader's language, chosen from Accept-Language."""
    code = translation.get_language_from_request(request, check_path=False)
    with translation.override(code):
        from django.urls import reverse

        return redirect(reverse("home"))


class HomeView(TemplateView):
    template_name = "home.html"

    def get_context_data(self, **kwargs):
        code = translation.get_language()
        return super().get_context_data(
            key_figures=KeyFigure.objects.available_in(code),
            latest_news=NewsItem.objects.published().available_in(code).latest_first()[:5],
            programmes=Programme.objects.published().available_in(code),
            **kwargs,
        )
