from django.utils import translation
from django.views.generic import DetailView, ListView

from .models import NewsItem


class NewsListView(ListView):
    paginate_by = 10

    def get_queryset(self):
        return NewsItem.objects.published().available_in(translation.get_language()).latest_first()


class NewsDetailView(DetailView):
    def get_queryset(self):
        return NewsItem.objects.published().available_in(translation.get_language())
