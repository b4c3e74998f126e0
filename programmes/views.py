"""The programmes list, a programme with its projects, and a project page."""

from django.db.models import F, Prefetch
from django.utils import translation
from django.views.generic import ListView

from core.views import PageLanguagesMixin, TranslatedDetailView

from .models import Organisation, Programme, Project, ProjectResult


class ProgrammeListView(PageLanguagesMixin, ListView):
    url_name = "programmes:list"

    def get_queryset(self):
        return Programme.objects.visible_in(translation.get_language()).for_lists()


class ProgrammeDetailView(TranslatedDetailView):
    model = Programme
    section_url_name = "programmes:list"

    def get_queryset(self):
        projects = (
            Project.objects.visible_in(translation.get_language())
            .for_lists()
            .order_by(F("started").desc(nulls_last=True), "key")
        )
        return super().get_queryset().prefetch_related(Prefetch("projects", projects, to_attr="live_projects"))


class ProjectDetailView(TranslatedDetailView):
    model = Project
    section_url_name = "programmes:list"

    def get_queryset(self):
        code = translation.get_language()
        organisations = Organisation.objects.visible_in(code)
        return (
            super()
            .get_queryset()
            .select_related("programme")
            .prefetch_related(
                Prefetch("funders", organisations),
                Prefetch("partners", organisations),
                # A figure without its label (or unit) in the page's language would be a bare number.
                Prefetch("results", ProjectResult.objects.complete_in(code)),
            )
        )
