from django.utils import translation
from django.views.generic import TemplateView

from .models import Director, KeyFigure, Milestone


class TimelineView(TemplateView):
    template_name = "history/timeline.html"

    def get_context_data(self, **kwargs):
        code = translation.get_language()
        return super().get_context_data(
            milestones=Milestone.objects.published().available_in(code),
            directors=Director.objects.available_in(code),
            key_figures=KeyFigure.objects.available_in(code),
            **kwargs,
        )
