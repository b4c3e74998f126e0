"""Which stored images the content needs, and the removal of those it no longer needs (after a
commit, and the orphans that the media_orphans command finds).

An image file is needed while a current row of a model with an ImageField names it, while a
rich text shows it (a current row's text in any language, or a draft's: the image library hands
a text the URL of the image's largest rendition), or while a draft names it as its item's image.
Revisions do not keep a file: replacing, clearing or deleting an image removes it (with its
renditions) once the change is committed, unless a text or a draft still needs it, and restoring
an older revision keeps the item's current image (see
ImageContent.save). Only the Storage API is used, so that media may move to an object store."""

import json
from dataclasses import dataclass

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.db.models.signals import post_delete

from core.i18n import LANGUAGE_CODES

from .focal import FocalPoint
from .renditions import RENDITIONS_DIR, remove_renditions


def image_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.ImageField)]


def models_with_images():
    """Every installed model with an image field; revision tables hold plain text, not images."""
    return [model for model in apps.get_models() if image_fields(model)]


def referenced_names(using="default"):
    """Every image name that a row of the content names."""
    names = set()
    for model in models_with_images():
        for field in image_fields(model):
            rows = model._base_manager.using(using).exclude(**{field.name: ""})
            names.update(rows.values_list(field.name, flat=True))
    names.discard(None)
    return names


def is_referenced(name, using="default", storage=None):
    """Whether a row names the image, or a text or a draft needs it (`shown_in_texts`)."""
    return any(
        model._base_manager.using(using)
        .filter(Q.create([(field.name, name) for field in image_fields(model)], connector=Q.OR))
        .exists()
        for model in models_with_images()
    ) or shown_in_texts(storage or default_storage, name, using)


def text_columns(model):
    """The columns of `model` that hold rich text, one per field and language."""
    return [f"{field}_{code}" for field in getattr(model, "rich_text_fields", ()) for code in LANGUAGE_CODES]


def shown_in_texts(storage, name, using="default"):
    """Whether a current rich text shows the image (holds the address of its renditions' folder or
    of its original), or a draft holds it: shows it in a text, or names it as its item's image (a
    draft keeps an image by its stored name, `core.item_state`)."""
    addresses = [storage.url(f"{RENDITIONS_DIR}/{name}/"), storage.url(name)]
    for model in apps.get_models():
        columns = text_columns(model)
        if columns:
            showing = [(f"{column}__contains", address) for column in columns for address in addresses]
            if model._base_manager.using(using).filter(Q.create(showing, connector=Q.OR)).exists():
                return True
    drafts = apps.get_model("core", "Draft").objects.using(using).exclude(state=None)
    drafts = drafts.annotate(text=Cast("state", TextField()))
    in_drafts = [*addresses, json.dumps(name)]
    return drafts.filter(Q.create([("text__contains", text) for text in in_drafts], connector=Q.OR)).exists()


def remove_unreferenced(storage, names, using="default"):
    """Delete each of `names` that no row, text or draft needs any more, with its renditions and
    focal point."""
    for name in names:
        if name and not is_referenced(name, using, storage):
            remove_renditions(storage, name)
            storage.delete(name)
            FocalPoint.objects.using(using).filter(name=name).delete()


def remove_after_commit(storage, names, using="default"):
    """Remove `names` once the current transaction commits; a rolled-back change removes nothing,
    and a file that another row names by then is kept."""
    names = [name for name in names if name]
    if names:
        transaction.on_commit(lambda: remove_unreferenced(storage, names, using), using=using)


def remove_images_of_deleted(sender, instance, using, **kwargs):
    """post_delete receiver: a deleted item's images go too, whether it was deleted alone, from
    an admin list or by a cascade."""
    for field in image_fields(sender):
        remove_after_commit(field.storage, [getattr(instance, field.name).name], using)


def connect_signals():
    for model in models_with_images():
        post_delete.connect(remove_images_of_deleted, sender=model, dispatch_uid=f"images:{model._meta.label}")


@dataclass(frozen=True)
class StoredFile:
    storage: object
    name: str
    size: int
    modified: object

    def delete(self):
        self.storage.delete(self.name)
        folder = self.name.rpartition("/")[0]
        if folder.startswith(f"{RENDITIONS_DIR}/"):
            try:
                # Gone once its last rendition goes (where the storage has folders at all).
                self.storage.delete(folder)
            except OSError:
                pass


def _files_under(storage, folder):
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for file in files:
        yield f"{folder}/{file}"
    for inner in folders:
        yield from _files_under(storage, f"{folder}/{inner}")


def _image_folders():
    """{storage: the folders its images and their renditions are stored in}."""
    folders = {}
    for model in models_with_images():
        for field in image_fields(model):
            folders.setdefault(field.storage, {RENDITIONS_DIR}).add(str(field.upload_to).strip("/"))
    return folders


def unreferenced_files(using="default"):
    """Every stored original or rendition, in the folders the image fields store into, whose image
    no row, text or draft needs, as StoredFile, by name. Other files in the storage are never looked
    at."""
    referenced = referenced_names(using)
    shown = {}
    found = []
    for storage, folders in _image_folders().items():
        for folder in sorted(folders):
            for name in _files_under(storage, folder):
                image = name.removeprefix(f"{RENDITIONS_DIR}/").rpartition("/")[0] if folder == RENDITIONS_DIR else name
                if image in referenced:
                    continue
                if (storage, image) not in shown:
                    shown[storage, image] = shown_in_texts(storage, image, using)
                if not shown[storage, image]:
                    found.append(StoredFile(storage, name, storage.size(name), storage.get_modified_time(name)))
    return sorted(found, key=lambda file: file.name)
