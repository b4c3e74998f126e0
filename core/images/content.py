"""The model mixin for content with images."""

from django.core.exceptions import ValidationError
from django.db import models, router
from django.utils.translation import gettext_lazy as _

from core.i18n import language_name, translated_fields

from .files import image_fields, remove_after_commit
from .renditions import renditions
from .validation import validate_image, without_metadata


class ImageContent(models.Model):
    """Model mixin for content with images: a new upload is validated in clean() and loses its
    metadata on save; an image with an `<field>_alt` translated field needs alt text in every
    language the item is available in. List it before TranslatedContent."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A new image is checked again (code may save without clean()), stored without metadata,
        and its renditions are made at once, so that no page view has to make them. The image it
        replaces or clears is removed once the save is committed (core.images.files)."""
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        saved = kwargs.get("update_fields")
        fields = [field for field in image_fields(type(self)) if saved is None or field.name in saved]
        stored = self._stored_image_names(fields, using)
        fresh = []
        for field in fields:
            file = getattr(self, field.name)
            if file and not file._committed:
                validate_image(file)
                setattr(self, field.name, without_metadata(file))
                fresh.append(field.name)
            elif file and file.name != stored.get(field.name) and not field.storage.exists(file.name):
                # A restored revision names an image that was replaced, and so removed, since:
                # the item keeps its current image rather than point at a missing file.
                setattr(self, field.name, stored.get(field.name) or "")
        super().save(*args, **kwargs)
        for name in fresh:
            renditions(getattr(self, name))
        for field in fields:
            if stored.get(field.name) != getattr(self, field.name).name:
                remove_after_commit(field.storage, [stored.get(field.name)], using)

    def _stored_image_names(self, fields, using):
        """{field name: the image name its row holds now}; empty for an item not saved yet."""
        if self.pk is None or not fields:
            return {}
        names = [field.name for field in fields]
        return type(self)._base_manager.using(using).filter(pk=self.pk).values(*names).first() or {}

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, messages in self.image_errors().items():
            errors.setdefault(name, []).extend(messages)
        if errors:
            raise ValidationError(errors)

    def image_errors(self):
        errors = {}
        for field in image_fields(type(self)):
            file = getattr(self, field.name)
            if not file:
                continue
            if not file._committed:
                try:
                    validate_image(file)
                except ValidationError as error:
                    errors.setdefault(field.name, []).extend(error.error_list)
                    continue
            alt = f"{field.name}_alt"
            if alt not in translated_fields(type(self)):
                continue
            for code in self.available_languages():
                if not (getattr(self, f"{alt}_{code}", None) or "").strip():
                    errors.setdefault(f"{alt}_{code}", []).append(
                        ValidationError(
                            _("Describe the image in %(language)s: it is shown to %(language)s readers."),
                            code="image_alt_missing",
                            params={"language": language_name(code)},
                        )
                    )
        return errors
