"""The soft lock of the change form: who else has the item open, take-over, and the heartbeat.

A person who opens an item that someone else is editing gets the form read-only, under a banner
that names them and offers to take the item over; the banner is part of the first response, so it
shows before anyone types. The form of the person editing renews their presence every
`HEARTBEAT_SECONDS` (static/js/admin-edit-presence.js) and hears on its next heartbeat that it was
taken over. A save that would overwrite another's is still refused by `conflicts`.
"""

import uuid

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from core import edit_presence
from core.edit_presence import display_name


def clock(moment):
    """A time of today as the admin shows it, in Prague time: "14:05"."""
    return formats.time_format(timezone.localtime(moment), "H:i")


def names_and_times(presences):
    """ "Anna (since 14:05), Petr (since 14:07)" """
    return ", ".join(
        str(format_lazy(_("{name} (since {time})"), name=display_name(p.user), time=clock(p.started)))
        for p in presences
    )


def post_only():
    """405 to a GET of a URL that takes only POST, with a body, which Chromium shows as a page."""
    return HttpResponseNotAllowed(["POST"], _("This address accepts only POST requests."))


def deny_editing(inline):
    """An inline of a form opened read-only: its rows may be read, not changed, added or deleted."""
    for permission in ("has_change_permission", "has_add_permission", "has_delete_permission"):
        setattr(inline, permission, lambda request, obj=None: False)
    return inline


class EditPresenceAdmin:
    """ModelAdmin mixin: the change form's soft lock and its URLs, and the list's "being edited by"."""

    def get_queryset(self, request):
        """In the list, each item with the person who has it open for editing now, if someone else does."""
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == f"{self.opts.app_label}_{self.opts.model_name}_changelist":
            queryset = queryset.annotate(edited_by_id=edit_presence.editor_of(self.model, request.user))
        return queryset

    def get_list_display(self, request):
        return (*super().get_list_display(request), "being_edited")

    @admin.display(description=gettext_lazy("being edited"))
    def being_edited(self, obj):
        """ "by anna": a marker for an item someone else is editing now."""
        editor_id = getattr(obj, "edited_by_id", None)
        if editor_id is None:
            return ""
        editor = get_user_model().objects.get(pk=editor_id)
        return format_html('<span class="being-edited">{}</span>', _("by %(name)s") % {"name": display_name(editor)})

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/presence/", view(self.presence_view), name=f"{prefix}_presence"),
            path("<path:object_id>/presence/release/", view(self.release_view), name=f"{prefix}_release"),
            path("<path:object_id>/take-over/", view(self.take_over_view), name=f"{prefix}_take_over"),
            *super().get_urls(),
        ]

    def presence_url(self, name, object_id):
        """The URL of one of this admin's views of an item: "change", "presence", "take_over"…"""
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}"
        return reverse(name, args=[object_id], current_app=self.admin_site.name)

    def editable_object(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """On opening: read-only with the banner while someone else edits, else the heartbeat starts."""
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_change_permission(request, obj):
            others = edit_presence.holders(obj, request.user) if request.method == "GET" else []
            if others:
                request.edit_presence_readonly = True
                extra_context["edit_presence"] = {
                    "holders": others,
                    "take_over_url": self.presence_url("take_over", object_id),
                }
            else:
                # A form sent back with errors holds the item again on its first heartbeat.
                page = uuid.uuid4().hex
                if request.method == "GET":
                    page = edit_presence.hold(obj, request.user).page
                extra_context["edit_presence"] = {
                    "heartbeat_url": self.presence_url("presence", object_id),
                    "release_url": self.presence_url("release", object_id)
                    if edit_presence.releases_on_leaving()
                    else "",
                    "interval": edit_presence.HEARTBEAT_SECONDS,
                    "page": page,
                }
        return super().change_view(request, object_id, form_url, extra_context)

    def has_change_permission(self, request, obj=None):
        if obj is not None and getattr(request, "edit_presence_readonly", False):
            return False
        return super().has_change_permission(request, obj)

    def get_inline_instances(self, request, obj=None):
        inlines = super().get_inline_instances(request, obj)
        if obj is not None and getattr(request, "edit_presence_readonly", False):
            return [deny_editing(inline) for inline in inlines]
        return inlines

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change:
            edit_presence.release(obj, request.user)

    @staticmethod
    def presence_state(obj, user, page):
        """What the heartbeat tells the form: still holding, sharing, held by another, or taken over."""
        presence = edit_presence.renew(obj, user, page)
        if presence is None:
            others = edit_presence.holders(obj, user)
            notice = ngettext(
                "%(people)s is editing this item now. If they save it first, your save will be refused.",
                "%(people)s are editing this item now. If one of them saves it first, your save will be refused.",
                len(others),
            ) % {"people": names_and_times(others)}
            return {"state": "held", "notice": notice}
        if presence.taken_over_by_id is not None:
            notice = _(
                "%(name)s took this item over at %(time)s. If they save it, your save will be refused: "
                "copy any text you want to keep."
            ) % {"name": display_name(presence.taken_over_by), "time": clock(presence.taken_over_at)}
            return {"state": "taken_over", "notice": notice}
        others = edit_presence.holders(obj, user)
        if others:
            notice = ngettext(
                "%(people)s also has this item open for editing.",
                "%(people)s also have this item open for editing.",
                len(others),
            ) % {"people": names_and_times(others)}
            return {"state": "shared", "notice": notice}
        return {"state": "holding", "notice": ""}

    def presence_view(self, request, object_id):
        """The heartbeat (POST, CSRF-protected): renews the presence and says what changed."""
        if request.method != "POST":
            return post_only()
        obj = self.editable_object(request, object_id)
        page = request.POST.get("page", "")[:32]
        response = JsonResponse(self.presence_state(obj, request.user, page))
        response["Cache-Control"] = "no-store"
        return response

    def release_view(self, request, object_id):
        """Leaving the page (navigator.sendBeacon on pagehide): the presence ends at once."""
        if request.method != "POST":
            return post_only()
        page = request.POST.get("page", "")[:32]
        edit_presence.release(self.editable_object(request, object_id), request.user, page)
        return HttpResponse(status=204)

    def take_over_view(self, request, object_id):
        """The banner's "Take over": this user holds the item, the form opens for editing."""
        if request.method != "POST":
            return post_only()
        edit_presence.take_over(self.editable_object(request, object_id), request.user)
        return redirect(self.presence_url("change", object_id))
