from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "programmes"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path(_("projects/<slug:slug>/"), views.ProjectDetailView.as_view(), name="project-detail"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme-detail"),
]
