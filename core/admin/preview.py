"""The preview of an admin form as typed, before it is saved: the item's public page in each
language, at the widths of a phone, a tablet and a desktop.

The change form's Preview buttons post the form, as it stands, to this admin's preview URL in a new
tab. The data is checked by the same ModelForm and inline formsets a save uses; a form with errors
shows them instead of a page. The item is built in memory and rendered by its public view and
template (`TranslatedDetailView.unsaved_page`) inside a transaction that is rolled back, so nothing
is ever saved; an item with a draft gets its draft applied first in that transaction, as the form
was opened on it. Each language's page is the `srcdoc` of a frame of the preview page, so it runs
under the admin's Content-Security-Policy, with no scripts of its own.
"""

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import models, router, transaction
from django.forms.formsets import all_valid
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import item_state, workflow
from core.i18n import LANGUAGE_CODES, language_name
from core.models import TranslatedRow

from .presence import post_only

WIDTHS = ((375, gettext_lazy("Phone")), (768, gettext_lazy("Tablet")), (1280, gettext_lazy("Desktop")))


def rows_as_typed(formset, code):
    """The rows of an inline formset as typed, in the order the public page shows them, without
    deleted and blank new rows, and (for translated rows) without those incomplete in language `code`."""
    rows = [
        form.instance
        for form in formset.forms
        if form not in formset.deleted_forms and (form.instance.pk is not None or form.has_changed())
    ]
    if issubclass(formset.model, TranslatedRow):
        rows = [row for row in rows if row.is_complete_in(code)]
    ordering = [name for name in formset.model._meta.ordering if name.lstrip("-") == name and name != "pk"]
    rows.sort(key=lambda row: (*(getattr(row, name) for name in ordering), row.pk or float("inf")))
    queryset = formset.model._default_manager.none()
    queryset._result_cache, queryset._prefetch_done = rows, True
    return queryset


def chosen(queryset, objects):
    """The objects chosen in a many-to-many field, as the public view would list them."""
    chosen = queryset.filter(pk__in=[obj.pk for obj in objects])
    list(chosen)
    chosen._prefetch_done = True
    return chosen


def uploads_left_out(item):
    """A new upload is shown once saved: the preview keeps the stored file, and says which fields."""
    files = [field for field in item._meta.fields if isinstance(field, models.FileField)]
    fields = [field for field in files if getattr(item, field.name) and not getattr(item, field.name)._committed]
    if fields:
        stored = type(item)._default_manager.filter(pk=item.pk).values(*[field.name for field in fields]).get()
        for field in fields:
            setattr(item, field.name, stored[field.name])
    return [str(field.verbose_name) for field in fields]


def form_errors(form, formsets):
    """(where, message) for every error of the form and its inline rows, named as the form names them."""
    errors = []
    for name, messages in form.errors.items():
        label = form.fields[name].label if name in form.fields else _("Item")
        errors.extend((str(label), message) for message in messages)
    for formset in formsets:
        rows_name = str(formset.model._meta.verbose_name_plural)
        errors.extend((rows_name, message) for message in formset.non_form_errors())
        for number, row_errors in enumerate(formset.errors, start=1):
            for name, messages in row_errors.items():
                field = formset.forms[number - 1].fields.get(name)
                where = f"{rows_name} {number}: {field.label if field else name}"
                errors.extend((where, message) for message in messages)
    return errors


class PreviewAdmin:
    """ModelAdmin mixin: the preview of the change form as typed.

    `preview_view` names the public item view (a `TranslatedDetailView`) whose page is previewed;
    an admin without one has no preview.
    """

    preview_view = None

    def get_urls(self):
        if self.preview_view is None:
            return super().get_urls()
        name = f"{self.opts.app_label}_{self.opts.model_name}_preview"
        view = self.admin_site.admin_view(self.preview)
        return [path("<path:object_id>/preview/", view, name=name), *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.preview_view is not None and change and obj is not None and self.has_change_permission(request, obj):
            name = f"admin:{self.opts.app_label}_{self.opts.model_name}_preview"
            context["preview_url"] = reverse(name, args=[obj.pk], current_app=self.admin_site.name)
            context["preview_languages"] = [(code, language_name(code)) for code in LANGUAGE_CODES]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def unsaved_form(self, request, obj):
        """The change form and its inline formsets bound to the posted data, as a save would build them."""
        fieldsets = self.get_fieldsets(request, obj)
        form_class = self.get_form(request, obj, change=True, fields=flatten_fieldsets(fieldsets))
        form = form_class(request.POST, request.FILES, instance=obj)
        form.check_conflicts = False
        valid = form.is_valid()
        item = self.save_form(request, form, change=True) if valid else form.instance
        formsets, _inlines = self._create_formsets(request, item, change=True)
        return form, formsets, valid and all_valid(formsets)

    def preview(self, request, object_id):
        """POST only (the CSRF check applies): the preview page, or the errors that stop it."""
        if request.method != "POST":
            return post_only()
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        with transaction.atomic(using=router.db_for_write(self.model)):
            draft = workflow.draft_of(obj)
            if draft is not None and draft.state is not None:
                # The form was opened on the item's draft (core.admin.workflow): its rows are the draft's.
                item_state.apply(self.model._default_manager.get(pk=obj.pk), draft.state)
                obj = self.get_object(request, unquote(object_id))
            form, formsets, valid = self.unsaved_form(request, obj)
            context = {"errors": [] if valid else form_errors(form, formsets)}
            if valid:
                context["uploads_left_out"] = uploads_left_out(form.instance)
                context["pages"] = self.pages(request, form, formsets)
            transaction.set_rollback(True)
        language = request.POST.get("_preview_language")
        context.update(
            self.admin_site.each_context(request),
            title=_("Preview of unsaved changes: %(item)s") % {"item": form.instance},
            opts=self.opts,
            original=obj,
            language=language if language in LANGUAGE_CODES else LANGUAGE_CODES[0],
            widths=WIDTHS,
        )
        response = TemplateResponse(request, "admin/preview.html", context, status=200 if valid else 400)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def pages(self, request, form, formsets):
        """[(language, name, page HTML or None, fields missing there)] for each of the site's languages."""
        item = form.instance
        pages = []
        for code in LANGUAGE_CODES:
            if not item.is_available_in(code):
                empty = [name for name in item.required_translations if not item.column(name, code)]
                missing = [str(item._meta.get_field(name).verbose_name) for name in empty]
                pages.append((code, language_name(code), None, missing))
                continue
            with translation.override(code):
                relations = {
                    formset.fk.remote_field.get_accessor_name(): rows_as_typed(formset, code) for formset in formsets
                }
                for field in item._meta.many_to_many:
                    if field.name in form.cleaned_data:
                        visible = field.related_model._default_manager.all()
                        if hasattr(visible, "visible_in"):
                            visible = visible.visible_in(code)
                        relations[field.name] = chosen(visible, form.cleaned_data[field.name])
                html = self.preview_view.unsaved_page(request, item, relations)
            pages.append((code, language_name(code), html, []))
        return pages
