"""The user and group forms name permissions in the admin's language, not by the English names
Django stored when it created them."""

from django.contrib.auth.models import Group, Permission
from django.utils import translation

from core.admin.permission_names import permission_label


def label(codename, app_label):
    return permission_label(Permission.objects.get(codename=codename, content_type__app_label=app_label))


def test_a_permission_is_named_by_the_models_translated_name_and_action(db):
    with translation.override("cs"):
        assert label("add_newsitem", "news") == "Aktuality | aktualita | Může přidávat"
        assert label("publish_newsitem", "news") == "Aktuality | aktualita | Může zveřejňovat, stahovat a plánovat"
        assert label("change_historicaldirector", "history") == "Historie | ředitel (verze) | Může měnit"
    with translation.override("uk"):
        assert label("delete_user", "auth") == "Аутентифікація та авторизація | користувач | Може видаляти"


def test_the_group_form_lists_the_translated_names(admin_client):
    group = Group.objects.get(name="Editor")
    html = admin_client.get(f"/admin/auth/group/{group.pk}/change/", HTTP_ACCEPT_LANGUAGE="cs").content.decode()
    assert "Aktuality | aktualita | Může přidávat" in html
    assert "Can add news item" not in html
