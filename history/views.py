"""The history page: the timeline of milestones, the directors' tenures, the key figures."""

from django.utils import timezone, translation
from django.views.generic import TemplateView

from core.views import PageLanguagesMixin

from .models import Director, KeyFigure, Milestone
from .timeline import TenureChart


class TimelineView(PageLanguagesMixin, TemplateView):
    template_name = "history/timeline.html"
    url_name = "history:timeline"

    def get_context_data(self, **kwargs):
        code = translation.get_language()
        milestones = list(Milestone.objects.visible_in(code).select_related("programme"))
        return super().get_context_data(
            milestones=milestones,
            directors=Director.objects.visible_in(code),
            tenures=TenureChart(Director.objects.all(), today=timezone.localdate()),
            key_figures=KeyFigure.objects.visible_in(code),
            **kwargs,
        )
