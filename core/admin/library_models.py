"""The admins of the libraries' models (users and groups, django-axes' login records), registered
again with the titles of `titles` and with what keeps their pages from being translated mended, so
that they read as well as the content's."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group, User
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .deletion import DeletionAdmin
from .permission_names import PermissionNamesAdmin
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


class AccessAttemptColumns:
    """django-axes' list of attempts: its "status" column has no translatable header and glues a
    number to a phrase, and its clean-up message is not in its catalogue (an f-string in gettext)."""

    @admin.display(description=_("Status"))
    def status(self, obj):
        left = settings.AXES_FAILURE_LIMIT - obj.failures_since_start
        if left > 0:
            return ngettext("%(count)d attempt left", "%(count)d attempts left", left) % {"count": left}
        return gettext(LOCKED_OUT)

    def cleanup_expired_attempts(self, request, queryset):
        count = self.handler.clean_expired_user_attempts(request=request)
        self.message_user(
            request,
            ngettext("Removed %(count)d expired login attempt.", "Removed %(count)d expired login attempts.", count)
            % {"count": count},
        )


class TranslatedPasswordChangeForm(AdminPasswordChangeForm):
    """The admin's "set password" form, whose help text Django joins to a plain English sentence at
    import time, which leaves the whole of it in English."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = format_html(
                '{}<ul id="id_unusable_warning" class="messagelist"><li class="warning">{}</li></ul>',
                SetUnusablePasswordMixin.usable_password_help_text,
                _("If disabled, the current password for this user will be lost."),
            )


class UserPasswordForm:
    change_password_form = TranslatedPasswordChangeForm


# django-axes' own msgid, translated in library_locale/.
LOCKED_OUT = "Locked Out"


def register_with_titles(site=admin.site):
    """Register each library model's admin again as a subclass that carries its titles (and, for
    django-axes' attempts, translatable columns)."""
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt

    AccessAttemptColumns.cleanup_expired_attempts = admin.action(
        description=AccessAttemptAdmin.cleanup_expired_attempts.short_description
    )(AccessAttemptColumns.cleanup_expired_attempts)
    extras = {
        AccessAttempt: (AccessAttemptColumns,),
        User: (UserPasswordForm, PermissionNamesAdmin),
        Group: (PermissionNamesAdmin,),
    }
    for model, titles in {**LIBRARY_TITLES, **axes_titles()}.items():
        if not site.is_registered(model):
            continue
        model_admin = type(site.get_model_admin(model))
        bases = (TitledAdmin, DeletionAdmin, *extras.get(model, ()), model_admin)
        site.unregister(model)
        site.register(model, type(model_admin.__name__, bases, {"titles": titles, "__module__": __name__}))
