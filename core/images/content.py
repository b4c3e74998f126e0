"""The model mixin for content with images."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.i18n import language_name, translated_fields

from .renditions import forget_renditions, renditions
from .validation import validate_image, without_metadata


def image_fields(model):
    return [field for field in model._meta.concrete_fields if isinstance(field, models.ImageField)]


class ImageContent(models.Model):
    """Model mixin for content with images: a new upload is validated in clean() and loses its
    metadata on save; an image with an `<field>_alt` translated field needs alt text in every
    language the item is available in. List it before TranslatedContent."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """A new image is checked again (code may save without clean()), stored without metadata,
        and its renditions are made at once, so that no page view has to make them."""
        fresh = []
        for field in image_fields(type(self)):
            file = getattr(self, field.name)
            if file and not file._committed:
                validate_image(file)
                setattr(self, field.name, without_metadata(file))
                fresh.append(field.name)
        super().save(*args, **kwargs)
        for name in fresh:
            forget_renditions(getattr(self, name))
            renditions(getattr(self, name))

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
