"""The editorial roles (Editor, Translator, Publisher, Administrator): the groups and their permissions,
and how the admin enforces them on the server.

What a role may not change is read-only, so it is left out of the form and a crafted POST cannot
change it. The groups are brought up to date after every `migrate`, so that a new content model or
permission reaches every role without a data migration.
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core.i18n import SOURCE_LANGUAGE, translated_fields

PUBLICATION_FIELDS = ("status", "published_at")
# Each role: the actions it may take on every content model.
ROLES = {
    # Writes and translates; cannot publish. May remove rows that belong to an item it edits
    # (the models that say so with `editors_may_delete`), such as a project's results.
    "Editor": ("view", "add", "change"),
    # Changes existing items only; the admin keeps the source language read-only for it.
    "Translator": ("view", "change"),
    # Publishes, unpublishes and schedules, and may also write and delete.
    "Publisher": ("view", "add", "change", "delete", "publish"),
}
ADMINISTRATOR = "Administrator"


def content_models():
    """The models of the apps that hold the site's content (their AppConfig sets `content = True`),
    without their revision tables, which nobody edits."""
    return [
        model
        for config in apps.get_app_configs()
        if getattr(config, "content", False)
        for model in config.get_models()
        if not hasattr(model, "instance_type")  # simple-history's revision models
    ]


def sync_roles(using="default", **kwargs):
    """After `migrate`: every role's group exists and holds exactly the permissions of its role."""
    from django.contrib.auth.models import Group, Permission

    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0, using=using)
    models = content_models()
    labels = {model._meta.app_label for model in models}
    for role, actions in ROLES.items():
        codenames = set()
        for model in models:
            name = model._meta.model_name
            codenames.update(f"{action}_{name}" for action in actions)
            if role == "Editor" and getattr(model, "editors_may_delete", False):
                codenames.add(f"delete_{name}")
        group, _created = Group.objects.using(using).get_or_create(name=role)
        permissions = Permission.objects.using(using).filter(content_type__app_label__in=labels, codename__in=codenames)
        group.permissions.set(permissions)
    administrator, _created = Group.objects.using(using).get_or_create(name=ADMINISTRATOR)
    administrator.permissions.set(Permission.objects.using(using).all())


def may_publish(user, model):
    """Publishing, unpublishing and scheduling need the model's "publish" permission (Publisher, Administrator)."""
    return user.has_perm(f"{model._meta.app_label}.publish_{model._meta.model_name}")


def may_write_source(user, model):
    """Whoever may add items writes the source language; a Translator, who may only change items, may not."""
    return user.has_perm(f"{model._meta.app_label}.add_{model._meta.model_name}")


def source_fields(model):
    """The fields a Translator may not change: every editable field but the translations into other languages."""
    names = []
    for field in model._meta.get_fields():
        if not (field.concrete or field.many_to_many) or field.auto_created or not field.editable:
            continue
        language = getattr(field, "language", None)
        if language is None and field.name in translated_fields(model):
            continue
        if language is None or language == SOURCE_LANGUAGE:
            names.append(field.name)
    return names


def readonly_for_role(user, model):
    """The fields `user`'s role may not change in `model`."""
    fields = []
    if hasattr(model, "status") and not may_publish(user, model):
        fields += PUBLICATION_FIELDS
    if not may_write_source(user, model):
        fields += source_fields(model)
    return fields


def keep_stored_values(obj, readonly):
    """Put back the stored value of every field the role may not change, also when a revision is restored."""
    stored = type(obj)._default_manager.get(pk=obj.pk)
    for field in obj._meta.concrete_fields:
        if field.name in readonly:
            setattr(obj, field.attname, getattr(stored, field.attname))


def without_readonly(prepopulated, readonly):
    """Prepopulation only between fields the role may change."""
    return {
        field: sources
        for field, sources in prepopulated.items()
        if field not in readonly and not readonly.intersection(sources)
    }


class RoleFormMixin:
    """A ModelForm mixin: an error on a field this user cannot edit (e.g. English for a Translator) is
    shown at the top of the form, naming the field, instead of failing because the form has no such field."""

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            kept = {}
            for name, errors in error.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    kept[name] = errors
                    continue
                label = capfirst(self.instance._meta.get_field(name).verbose_name)
                kept.setdefault(NON_FIELD_ERRORS, []).extend(
                    ValidationError(f"{label}: {message}") for problem in errors for message in problem.messages
                )
            error = ValidationError(kept)
        super().add_error(field, error)


class RoleInlineMixin:
    """An inline's fields as the role allows: read-only where it may not change them."""

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *readonly_for_role(request.user, self.model)]
        return list(dict.fromkeys(fields))

    def get_prepopulated_fields(self, request, obj=None):
        readonly = set(self.get_readonly_fields(request, obj))
        return without_readonly(super().get_prepopulated_fields(request, obj), readonly)


class RoleStackedInline(RoleInlineMixin, TranslationStackedInline):
    pass


class RoleTabularInline(RoleInlineMixin, TranslationTabularInline):
    pass
