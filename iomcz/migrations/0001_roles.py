"""The four editorial roles as groups, with the "publish" permission of each publishable model."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT_MODELS = {
    "programmes": ("organisation", "programme", "project", "projectresult"),
    "history": ("director", "milestone", "keyfigure"),
    "news": ("newsitem",),
}
PUBLISHABLE = {"programmes": ("programme", "project"), "history": ("milestone",), "news": ("newsitem",)}
# Each role: the actions it may take on every content model, and single extra permissions.
ROLES = {
    # Writes and translates; cannot publish. May remove a project's result rows while editing it.
    "Editor": (("view", "add", "change"), ("delete_projectresult",)),
    # Changes existing items only; the admin keeps the source language read-only for it.
    "Translator": (("view", "change"), ()),
    # Publishes, unpublishes and schedules, and may also write and delete.
    "Publisher": (("view", "add", "change", "delete", "publish"), ()),
}


def create_roles(apps, schema_editor):
    for label in ("contenttypes", "auth", "admin", "sessions", *CONTENT_MODELS):
        config = apps.get_app_config(label)
        config.models_module = True
        create_permissions(config, apps=apps, verbosity=0)
        config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for app_label, model_names in PUBLISHABLE.items():
        for model_name in model_names:
            content_type = ContentType.objects.get(app_label=app_label, model=model_name)
            Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"publish_{model_name}",
                defaults={"name": f"Can publish, unpublish and schedule {model_name}"},
            )
    for role, (actions, extras) in ROLES.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = []
        for app_label, model_names in CONTENT_MODELS.items():
            codenames = [f"{action}_{model_name}" for action in actions for model_name in model_names]
            codenames += extras
            permissions += Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        group.permissions.set(permissions)
    administrator, _created = Group.objects.get_or_create(name="Administrator")
    administrator.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[*ROLES, "Administrator"]).delete()
    apps.get_model("auth", "Permission").objects.filter(codename__startswith="publish_").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("sessions", "0001_initial"),
        ("programmes", "0001_initial"),
        ("history", "0001_initial"),
        ("news", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
