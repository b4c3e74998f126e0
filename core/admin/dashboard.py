"""The translation dashboard: what is missing or outdated, per language and model."""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import translation_status
from core.i18n import LANGUAGE_CODES, language_name
from core.translation_status import TARGET_LANGUAGES, State

from .translator import translator_url


def translation_dashboard(request):
    """What is missing or outdated, per language and model, with links to the items and filtered lists."""
    models = [
        model
        for model in translation_status.translated_models()
        if admin.site.is_registered(model) and admin.site.get_model_admin(model).has_view_permission(request)
    ]
    rows = []
    for entry in translation_status.report(models):
        opts = entry.model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        rows.append(
            {
                "entry": entry,
                "language": language_name(entry.code),
                "model": opts.verbose_name_plural,
                "missing_url": f"{changelist}?translation={entry.code}-{State.MISSING}",
                "outdated_url": f"{changelist}?translation={entry.code}-{State.OUTDATED}",
                "items": [
                    (
                        state,
                        obj,
                        reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]),
                        translator_url(obj, entry.code) if entry.code in TARGET_LANGUAGES else "",
                    )
                    for state, objects in ((State.MISSING, entry.missing), (State.OUTDATED, entry.outdated))
                    for obj in objects
                ],
            }
        )
    rows.sort(key=lambda row: LANGUAGE_CODES.index(row["entry"].code))
    context = {
        **admin.site.each_context(request),
        "title": _("Translation status"),
        "rows": rows,
        "languages": [(code, language_name(code)) for code in LANGUAGE_CODES],
    }
    return TemplateResponse(request, "admin/translation_status.html", context)
