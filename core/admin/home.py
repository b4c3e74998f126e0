"""The admin's home page for a team: my drafts, awaiting publication, scheduled next, recently
published, and translations missing or outdated; each panel links to the lists filtered so."""

from dataclasses import dataclass, field

from django.contrib import admin
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import translation_status, workflow
from core.i18n import language_name
from core.models import Stage, Status
from core.public_cache import publishable_models
from core.translation_status import State

SHOWN = 5


@dataclass
class Panel:
    key: str
    title: str
    state: str
    empty: str
    entries: list = field(default_factory=list)  # (time, item, kind, url, note)
    lists: list = field(default_factory=list)  # (kind, count, url)


def visible_models(request):
    return [
        model
        for model in publishable_models()
        if admin.site.is_registered(model) and admin.site.get_model_admin(model).has_view_permission(request)
    ]


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def list_url(model, query):
    return f"{reverse(f'admin:{model._meta.app_label}_{model._meta.model_name}_changelist')}?{query}"


def panels(request):
    now = timezone.now()
    found = {
        "mine": Panel("mine", _("My drafts"), "mine", _("You have no drafts.")),
        "review": Panel("review", _("Awaiting publication"), "review", _("Nothing awaits publication.")),
        "scheduled": Panel("scheduled", _("Scheduled next"), "scheduled", _("Nothing is scheduled.")),
        "published": Panel("published", _("Recently published"), "live", _("Nothing published yet.")),
    }
    for model in visible_models(request):
        kind = model._meta.verbose_name
        drafts = {draft.object_id: draft for draft in workflow.drafts_of(model).select_related("submitted_by")}
        # A live item's scheduled draft: listed at the draft's time.
        timed = workflow.drafts_of(model).filter(object_id=OuterRef("pk"), publish_at__isnull=False)
        querysets = {
            "mine": workflow.in_state(model._default_manager.all(), "mine", user=request.user),
            "review": workflow.in_state(model._default_manager.all(), workflow.ItemState.REVIEW),
            "scheduled": workflow.in_state(model._default_manager.all(), workflow.ItemState.SCHEDULED)
            .annotate(next_at=Coalesce(Subquery(timed.values("publish_at")[:1]), "published_at"))
            .order_by("next_at"),
            "published": model._default_manager.filter(status=Status.PUBLISHED, published_at__lte=now).order_by(
                "-published_at"
            ),
        }
        for key, items in querysets.items():
            panel = found[key]
            count = items.count()
            if not count:
                continue
            panel.lists.append((model._meta.verbose_name_plural, count, list_url(model, f"state={panel.state}")))
            for obj in items[:SHOWN]:
                draft = drafts.get(obj.pk)
                when = (
                    obj.published_at if key in ("scheduled", "published") else (draft.saved if draft else obj.updated)
                )
                if key == "scheduled":
                    when = obj.next_at
                note = ""
                if key == "review" and draft is not None:
                    note = draft.comment
                elif key == "mine" and draft is not None and draft.stage == Stage.RETURNED:
                    note = _("Sent back: %(comment)s") % {"comment": draft.comment}
                panel.entries.append((when, obj, kind, change_url(obj), note))
    for key, panel in found.items():
        panel.entries.sort(key=lambda entry: entry[0], reverse=key != "scheduled")
        del panel.entries[SHOWN:]
    return [*found.values(), translations_panel(request)]


def translations_panel(request):
    panel = Panel("translations", _("Translations missing or outdated"), "", _("Every translation is complete."))
    models = [
        model
        for model in translation_status.translated_models()
        if admin.site.is_registered(model) and admin.site.get_model_admin(model).has_view_permission(request)
    ]
    for entry in translation_status.report(models):
        for state, items in ((State.MISSING, entry.missing), (State.OUTDATED, entry.outdated)):
            if items:
                label = _("%(kind)s, %(language)s: %(state)s") % {
                    "kind": entry.model._meta.verbose_name_plural,
                    "language": language_name(entry.code),
                    "state": state.label,
                }
                panel.lists.append((label, len(items), list_url(entry.model, f"translation={entry.code}-{state}")))
    return panel
