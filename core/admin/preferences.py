"""The admin page where each user chooses the admin's language and time zone for themselves."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.admin_preferences import TIME_ZONES, admin_language_from_browser
from core.i18n import native_language_name
from core.models import AdminPreferences


class AdminPreferencesForm(forms.ModelForm):
    class Meta:
        model = AdminPreferences
        fields = ("language", "time_zone")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = self.fields["language"]
        # Each language also in its own name, so that whoever chose one they cannot read can go back.
        language.choices = [("", _("The language my browser asks for"))] + [
            (code, self.language_label(code, name)) for code, name in settings.LANGUAGES
        ]
        # A choice by city, with the zone's code for whoever knows it ("Praha (Europe/Prague)").
        self.fields["time_zone"] = forms.ChoiceField(
            label=self.fields["time_zone"].label,
            help_text=self.fields["time_zone"].help_text,
            choices=[(name, f"{city} ({name})") for name, city in TIME_ZONES],
        )

    @staticmethod
    def language_label(code, name):
        own = native_language_name(code)
        return name if str(name) == own else f"{name} ({own})"


def preferences_view(request):
    """Show and save the signed-in user's preferences; the next page is already in the new language."""
    preferences = AdminPreferences.objects.filter(user=request.user).first() or AdminPreferences(user=request.user)
    form = AdminPreferencesForm(request.POST or None, instance=preferences)
    if request.method == "POST" and form.is_valid():
        preferences = form.save()
        # Said in the language just chosen, which the next page is in.
        with translation.override(preferences.language or admin_language_from_browser(request)):
            messages.success(request, gettext("Your preferences were saved."))
        return HttpResponseRedirect(request.path)
    context = {
        **admin.site.each_context(request),
        "title": _("Preferences"),
        "form": form,
    }
    return TemplateResponse(request, "admin/preferences.html", context)
