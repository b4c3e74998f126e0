"""Comparing revisions in the admin: any two revisions of an item side by side, one row per field
and language, the text as a reader sees it with the words inserted and removed marked.

`revision_columns` names what a revision shows, once per language ("Body — Czech"), without the
original column that django-modeltranslation keeps beside the language columns and without the
bookkeeping that only the site reads; the history list and the compare view both use it.
"""

import datetime
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from core.i18n import LANGUAGE_CODES, language_name, translated_fields
from core.text_diff import formatted, side_by_side, word_diff

from .audit import AUDIT_FIELDS

BOOKKEEPING = ("id", "translation_sources", *AUDIT_FIELDS)


@dataclass(frozen=True)
class Column:
    """One field in one language (or a field that is not translated) as a revision shows it."""

    field: object
    label: str
    rich: bool

    @property
    def name(self):
        return self.field.name

    def text(self, value):
        """A stored value as text a person reads: a choice's label, a related item's name, a local time."""
        field = self.field
        if value is None or value == "":
            return ""
        if field.is_relation:
            related = field.related_model._default_manager.filter(pk=value).first()
            return str(related) if related is not None else f"#{value}"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, datetime.datetime):
            return formats.localize(timezone.localtime(value))
        if isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(value, datetime.date | int | float):
            return formats.localize(value)
        return str(value)

    def value_of(self, revision):
        return self.text(getattr(revision, self.field.attname))

    def diff(self, old, new):
        """The inline word difference of two stored values."""
        return word_diff(self.text(old), self.text(new), rich=self.rich)


def revision_columns(model):
    """Every field a person edits, translated fields once per language, in the model's order."""
    translated = set(translated_fields(model))
    hidden = {*BOOKKEEPING, *getattr(model, "derived_fields", ())}
    rich = set(getattr(model, "rich_text_fields", ()))
    columns = []
    for field in model._meta.concrete_fields:
        base = getattr(field, "translated_field", None)
        if base is not None or field.name in hidden:  # language columns come with their field
            continue
        if field.name in translated:
            columns.extend(
                Column(
                    model._meta.get_field(f"{field.name}_{code}"),
                    _("%(field)s — %(language)s")
                    % {"field": capfirst(field.verbose_name), "language": language_name(code)},
                    field.name in rich,
                )
                for code in LANGUAGE_CODES
            )
        elif field.editable:
            columns.append(Column(field, capfirst(field.verbose_name), False))
    return columns


@dataclass
class Row:
    column: Column
    old: str
    new: str

    @property
    def changed(self):
        return self.old != self.new

    def sides(self):
        return side_by_side(self.old, self.new, rich=self.column.rich)

    def shown(self):
        return formatted(self.new, rich=self.column.rich)


def info(model):
    return f"{model._meta.app_label}_{model._meta.model_name}"


def unknown_revision_message(name, value):
    """What was wrong with a compare link: which of the two revisions is missing or not this item's."""
    if name == "from":
        if not value:
            return _("Choose two revisions to compare: the first (“from”) revision is missing.")
        message = _(
            "The first (“from”) revision, “%(value)s”, is not a revision of this item. Choose two from the list."
        )
    else:
        if not value:
            return _("Choose two revisions to compare: the second (“to”) revision is missing.")
        message = _(
            "The second (“to”) revision, “%(value)s”, is not a revision of this item. Choose two from the list."
        )
    return message % {"value": value}


class RevisionCompareMixin:
    """ModelAdmin mixin: `<id>/history/compare/?from=<revision>&to=<revision>`, for whoever may see the history.
    List it before RevisionsAdmin, whose `<id>/history/<revision>/` would otherwise take "compare"."""

    compare_template = "admin/revision_compare.html"

    def get_urls(self):
        compare = path(
            "<path:object_id>/history/compare/",
            self.admin_site.admin_view(self.compare_view),
            name=f"{info(self.model)}_compare",
        )
        return [compare, *super().get_urls()]

    def compare_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404(_("No such item."))
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        chosen = {name: request.GET.get(name, "") for name in ("from", "to")}
        ids = [int(value) for value in chosen.values() if value.isdigit()]
        revisions = {str(revision.pk): revision for revision in obj.history.filter(pk__in=ids)}
        for name, value in chosen.items():
            if value not in revisions:
                messages.error(request, unknown_revision_message(name, value))
                return redirect(reverse(f"admin:{info(self.model)}_history", args=[obj.pk]))
        old, new = revisions[chosen["from"]], revisions[chosen["to"]]
        rows = [Row(column, column.value_of(old), column.value_of(new)) for column in revision_columns(self.model)]
        context = {
            **self.admin_site.each_context(request),
            "title": _("Compare revisions: %s") % obj,
            "opts": self.model._meta,
            "object": obj,
            "old": old,
            "new": new,
            "changed": [row for row in rows if row.changed],
            "unchanged": [row for row in rows if not row.changed],
        }
        return TemplateResponse(request, self.compare_template, context)
