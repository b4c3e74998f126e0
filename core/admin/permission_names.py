"""Permissions named in the admin's language. Django stores each permission's name in English when
it creates it ("Can add news item"), and the user and group forms show that stored name; these
names are built from the model's translated name and a translated action instead."""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("Can add"),
    "change": _("Can change"),
    "delete": _("Can delete"),
    "view": _("Can view"),
    "publish": _("Can publish, unpublish and schedule"),
}


def permission_label(permission):
    """ "Aktuality | aktualita | Může přidávat" for news.add_newsitem; the stored name for a
    permission of a model that no longer exists or of an action not listed here."""
    model = permission.content_type.model_class()
    action, _separator, model_name = permission.codename.partition("_")
    if model is None or action not in ACTIONS or model_name != model._meta.model_name:
        return str(permission)
    # simple-history's revision tables are named "historical …" in English, whatever the language.
    tracked = getattr(model, "instance_type", None)
    if tracked is not None:
        name = _("%(model)s (revisions)") % {"model": tracked._meta.verbose_name}
    else:
        name = model._meta.verbose_name
    return f"{model._meta.app_config.verbose_name} | {name} | {ACTIONS[action]}"


class PermissionNamesAdmin:
    """ModelAdmin mixin for users and groups: their permission lists with `permission_label`."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            formfield.label_from_instance = permission_label
        return formfield
