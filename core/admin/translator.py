"""The translator screen: one item in one target language, the English of each field beside its
translation, with what changed in the English since the translation was last confirmed.

The screen saves through the model admin's own path (its `get_form`, `save_form`, `save_model`,
`save_related` and `log_change`, inside one transaction), so the rules of roles, the edit-conflict
check, the audit stamps and the revision apply here exactly as in the change form, and so does
whatever a model admin adds to that path.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.i18n import SOURCE_LANGUAGE, language_name
from core.text_diff import formatted, word_diff
from core.translation_sources import TARGET_LANGUAGES, outdated_fields, source_text_when_translated, tracked_fields

from .translations import mark_translation_up_to_date


def translator_url(obj, code):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_translate", args=[obj.pk, code])


@dataclass
class TranslatorField:
    """One translated field on the screen: its English, the change in that English, its translation's form field."""

    name: str
    label: str
    rich: bool
    source: str
    outdated: bool
    source_change: str | None
    bound_field: object

    @property
    def source_shown(self):
        return formatted(self.source, rich=self.rich)


class TranslatorScreenMixin:
    """ModelAdmin mixin: `<id>/translate/<language>/` and `<id>/translate/<language>/mark/`."""

    translator_template = "admin/translator_screen.html"

    def get_urls(self):
        info = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        screen = path(
            "<path:object_id>/translate/<str:code>/",
            self.admin_site.admin_view(self.translator_view),
            name=f"{info}_translate",
        )
        mark = path(
            "<path:object_id>/translate/<str:code>/mark/",
            self.admin_site.admin_view(require_POST(self.translator_mark_view)),
            name=f"{info}_translate_mark",
        )
        return [screen, mark, *super().get_urls()]

    def translation_target(self, request, object_id, code):
        """The item, if `code` is a target language and the user may change the item."""
        if code not in TARGET_LANGUAGES:
            raise Http404(_("There is no translator screen for this language."))
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such item."))
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def translated_names(self, request, obj):
        """The translated fields a translator writes, in the order of the change form."""
        order = flatten_fieldsets(self.get_fieldsets(request, obj))
        columns = {name: f"{name}_{SOURCE_LANGUAGE}" for name in tracked_fields(self.model)}
        return sorted(columns, key=lambda name: order.index(columns[name]) if columns[name] in order else len(order))

    def translator_form(self, request, obj, code):
        columns = [f"{name}_{code}" for name in self.translated_names(request, obj)]
        return self.get_form(request, obj, change=True, fields=columns)

    def translator_view(self, request, object_id, code):
        obj = self.translation_target(request, object_id, code)
        form_class = self.translator_form(request, obj, code)
        if request.method == "POST":
            with transaction.atomic(using=router.db_for_write(self.model)):
                form = form_class(request.POST, request.FILES, instance=obj)
                if form.is_valid():
                    obj = self.save_form(request, form, change=True)
                    self.save_model(request, obj, form, change=True)
                    self.save_related(request, form, formsets=[], change=True)
                    self.log_change(request, obj, self.construct_change_message(request, form, []))
                    saved = True
                else:
                    saved = False
            if saved:
                messages.success(
                    request, _("The %(language)s translation was saved.") % {"language": language_name(code)}
                )
                return redirect(translator_url(obj, code))
        else:
            form = form_class(instance=obj)
        return self.render_translator(request, obj, code, form)

    def translator_mark_view(self, request, object_id, code):
        obj = self.translation_target(request, object_id, code)
        name = request.POST.get("field", "")
        fields = tracked_fields(self.model)
        if name and name not in fields:
            messages.error(request, _("“%(field)s” is not a translated field of this item.") % {"field": name})
            return redirect(translator_url(obj, code))
        mark_translation_up_to_date(self, request, obj, code, [name] if name else None)
        language = language_name(code)
        if name:
            label = capfirst(self.model._meta.get_field(name).verbose_name)
            message = _("%(field)s (%(language)s) is marked as up to date with the English.")
            messages.success(request, message % {"field": label, "language": language})
        else:
            messages.success(
                request, _("%(language)s is marked as up to date with the English.") % {"language": language}
            )
        return redirect(translator_url(obj, code))

    def render_translator(self, request, obj, code, form):
        outdated = set(outdated_fields(obj, code))
        rich = set(getattr(self.model, "rich_text_fields", ()))
        fields = []
        for name in self.translated_names(request, obj):
            column = f"{name}_{code}"
            if column not in form.fields:
                continue
            source = getattr(obj, f"{name}_{SOURCE_LANGUAGE}") or ""
            change = None
            if name in outdated:
                before = source_text_when_translated(obj, code, name)
                change = word_diff(before, source, rich=name in rich) if before is not None else None
            label = capfirst(self.model._meta.get_field(name).verbose_name)
            fields.append(TranslatorField(name, label, name in rich, source, name in outdated, change, form[column]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Translate into %(language)s: %(item)s") % {"language": language_name(code), "item": obj},
            "opts": self.model._meta,
            "object": obj,
            "form": form,
            "media": form.media,
            "fields": fields,
            "code": code,
            "language": language_name(code),
            "source_language": language_name(SOURCE_LANGUAGE),
            "any_outdated": bool(outdated),
            "other_languages": [
                (language_name(other), translator_url(obj, other)) for other in TARGET_LANGUAGES if other != code
            ],
            "mark_url": reverse(
                f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_translate_mark", args=[obj.pk, code]
            ),
        }
        return TemplateResponse(request, self.translator_template, context)
