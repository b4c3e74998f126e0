"""Slugs in the admin: filled in as the editor types by the site's one rule, kept in step with a
renamed title, and every change of an address told to the editor.

The browser gets the rule's table from `slug_rule_script` (the server's own `RULE`, as JSON) and
applies it with static/js/admin/slug.js, which replaces Django's URLify: what the add form fills
in is what the server would make of the same title.
"""

import json

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from core.i18n import LANGUAGE_CODES, language_name, reverse_in_language, translated_fields
from core.text import ascii_slug
from core.transliteration import RULE


def slug_rule_script(request):
    """The slug rule's table as a script (the admin's Content-Security-Policy allows no inline one)."""
    body = f"window.iomczSlugRule = {json.dumps(RULE, ensure_ascii=False)};\n"
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "private, max-age=3600"
    return response


class SlugRuleAdminMixin:
    """A model admin whose prepopulated slugs follow the site's rule in the browser."""

    @property
    def media(self):
        media = super().media
        if not self.prepopulated_fields and not any(inline.prepopulated_fields for inline in self.inlines):
            return media
        # Named after Django's URLify, so that the merged media keep this replacement after it.
        return media + forms.Media(js=["admin/js/urlify.js", reverse("admin:slug-rule"), "js/admin/slug.js"])


class SlugFollowsTitleForm(forms.ModelForm):
    """When the title of a language changes and its slug is the one made from the old title, the
    slug is made again from the new one (and the old address redirects: `core.slug_history`).
    A slug written by hand stays; `slug_notes` then tells the editor that the address did not follow."""

    def clean(self):
        cleaned_data = super().clean()
        self.slug_notes = []
        model = self._meta.model
        if self.instance.pk is None or "slug" not in translated_fields(model):
            return cleaned_data
        source = model.slug_source
        for code in LANGUAGE_CODES:
            slug_name, title_name = f"slug_{code}", f"{source}_{code}"
            if slug_name not in self.fields or title_name not in self.fields:
                continue
            old_title, old_slug = (self.initial.get(title_name) or "").strip(), self.initial.get(slug_name)
            new_title = (cleaned_data.get(title_name) or "").strip()
            if not (old_title and new_title and old_slug) or new_title == old_title:
                continue
            if cleaned_data.get(slug_name) != old_slug:
                continue  # the editor changed the slug too
            if old_slug != ascii_slug(old_title, self.fields[slug_name].max_length or 200):
                self.slug_notes.append(
                    _(
                        "The %(language)s title changed, but the %(language)s slug “%(slug)s” was written by "
                        "hand, so it stays; change it if the address should follow the new title."
                    )
                    % {"language": language_name(code), "slug": old_slug}
                )
                continue
            new_slug = ascii_slug(new_title, self.fields[slug_name].max_length or 200)
            taken = model._default_manager.filter(**{slug_name: new_slug}).exclude(pk=self.instance.pk).exists()
            if taken:
                self.slug_notes.append(
                    _(
                        "The %(language)s title changed, but the slug “%(slug)s” made from it is already "
                        "used by another item, so the slug stays “%(old)s”."
                    )
                    % {"language": language_name(code), "slug": new_slug, "old": old_slug}
                )
            elif new_slug:
                cleaned_data[slug_name] = new_slug
        return cleaned_data


def tell_slug_changes(model_admin, request, form, obj):
    """After a save: a message for each language whose address (or slug) changed, and the notes
    of `SlugFollowsTitleForm`."""
    for note in getattr(form, "slug_notes", ()):
        model_admin.message_user(request, note, messages.WARNING)
    for code, old, new in getattr(obj, "slug_changes", ()):
        names = {"language": language_name(code)}
        if obj.slug_url_name:
            message = _("The %(language)s address changed from %(old)s to %(new)s; the old address now redirects.") % {
                **names,
                "old": reverse_in_language(code, obj.slug_url_name, {"slug": old}),
                "new": reverse_in_language(code, obj.slug_url_name, {"slug": new}),
            }
        else:
            message = _("The %(language)s slug changed from “%(old)s” to “%(new)s”.")
            message %= {**names, "old": old, "new": new}
        model_admin.message_user(request, message, messages.INFO)
