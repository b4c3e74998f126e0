from django.utils import translation
from django.views.generic import DetailView, ListView

from .models import Programme, Project


class ProgrammeListView(ListView):
    def get_queryset(self):
        return Programme.objects.published().available_in(translation.get_language())


class ProgrammeDetailView(DetailView):
    def get_queryset(self):
        return Programme.objects.published().available_in(translation.get_language())


class ProjectDetailView(DetailView):
    def get_queryset(self):
        return Project.objects.published().available_in(translation.get_language())
