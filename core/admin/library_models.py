"""The admins of the libraries' models (users and groups, django-axes' login records), registered
again with the titles of `titles`, so that their pages read as well as the content's."""

from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.utils.translation import gettext_lazy as _

from .titles import ModelTitles, TitledAdmin

LIBRARY_TITLES = {
    User: ModelTitles(
        add=_("Add user"),
        change=_("Change user"),
        view=_("View user"),
        select_to_change=_("Select user to change"),
        select_to_view=_("Select user to view"),
        delete=_("Delete user"),
    ),
    Group: ModelTitles(
        add=_("Add group"),
        change=_("Change group"),
        view=_("View group"),
        select_to_change=_("Select group to change"),
        select_to_view=_("Select group to view"),
        delete=_("Delete group"),
    ),
}


def axes_titles():
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    return {
        AccessAttempt: ModelTitles(
            add=_("Add access attempt"),
            change=_("Change access attempt"),
            view=_("View access attempt"),
            select_to_change=_("Select access attempt to change"),
            select_to_view=_("Select access attempt to view"),
            delete=_("Delete access attempt"),
        ),
        AccessLog: ModelTitles(
            add=_("Add access log"),
            change=_("Change access log"),
            view=_("View access log"),
            select_to_change=_("Select access log to change"),
            select_to_view=_("Select access log to view"),
            delete=_("Delete access log"),
        ),
        AccessFailureLog: ModelTitles(
            add=_("Add access failure"),
            change=_("Change access failure"),
            view=_("View access failure"),
            select_to_change=_("Select access failure to change"),
            select_to_view=_("Select access failure to view"),
            delete=_("Delete access failure"),
        ),
    }


def register_with_titles(site=admin.site):
    """Register each library model's admin again as a subclass that carries its titles."""
    for model, titles in {**LIBRARY_TITLES, **axes_titles()}.items():
        if not site.is_registered(model):
            continue
        model_admin = type(site.get_model_admin(model))
        site.unregister(model)
        site.register(model, type(model_admin.__name__, (TitledAdmin, model_admin), {"titles": titles}))
