"""Abstract models and querysets shared by every content app: what "available in a language",
"published", "partial date" and "who changed it" mean is written here once."""

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import dateformat, formats, timezone, translation
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator

from .i18n import LANGUAGE_CODES, language_name
from .text import ascii_slug, sanitise_html


class Precision(models.TextChoices):
    YEAR = "year", _("year")
    MONTH = "month", _("month")
    DAY = "day", _("day")


# Languages that write month names in lower case inside a date ("září 2020", "вересень 2020").
LOWERCASE_MONTHS = {"cs", "uk"}
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known only to a year, a month or a day ("until 2000", "since July 2022")."""

    date: datetime.date
    precision: str

    @classmethod
    def parse(cls, text):
        """'2000' -> year, '2022-07' -> month, '2023-12-19' -> day; ValueError otherwise."""
        match = PARTIAL_DATE_RE.match(text or "")
        if not match:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        if day and not month:
            raise ValueError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        date = datetime.date(int(year), int(month or 1), int(day or 1))
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        return cls(date, str(precision))

    @classmethod
    def of(cls, date, precision):
        return cls(date, precision or Precision.DAY) if date else None

    def isoformat(self):
        """The shortest ISO form that keeps the precision: the inverse of parse()."""
        if self.precision == Precision.YEAR:
            return f"{self.date.year:04d}"
        if self.precision == Precision.MONTH:
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    def __str__(self):
        """The date in the active language at its precision ("2000", "July 2022", "19 Dec 2023")."""
        return self._format("F Y")

    @property
    def after_preposition(self):
        """The form that follows "since", "from" or "until": Czech and Ukrainian month names
        take the genitive there ("od července 2022", "з липня 2022")."""
        return self._format("E Y")

    def _format(self, month_format):
        if self.precision == Precision.YEAR:
            return str(self.date.year)
        if self.precision == Precision.MONTH:
            text = dateformat.format(self.date, month_format)
            return text[0].lower() + text[1:] if translation.get_language() in LOWERCASE_MONTHS else text
        return formats.date_format(self.date, "DATE_FORMAT")


def partial_date(obj, field):
    return PartialDate.of(getattr(obj, field), getattr(obj, f"{field}_precision"))


def translated_fields(model):
    """The base names of a model's translated fields, e.g. ('title', 'slug', 'body')."""
    try:
        return tuple(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        return ()


def unique_per_language(field, model_name):
    """One unique constraint per language column: a duplicate slug is a form error, not a 500."""
    return [
        models.UniqueConstraint(fields=[f"{field}_{code}"], name=f"{model_name}_{field}_{code}_unique")
        for code in LANGUAGE_CODES
    ]


def availability(fields, code):
    """The condition that every one of `fields` is filled in language `code` (also for partial indexes)."""
    condition = Q()
    for field in fields:
        column = f"{field}_{code}"
        condition &= Q(**{f"{column}__isnull": False}) & ~Q(**{column: ""})
    return condition


class TranslatedQuerySet(models.QuerySet):
    def available_in(self, code):
        """Items whose required translated fields are all filled in language `code`."""
        return self.filter(availability(self.model.required_translations, code))


class PublishableQuerySet(TranslatedQuerySet):
    def published(self):
        """Published and due: a scheduled item goes live by itself when its time comes."""
        return self.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())

    def drafts(self):
        return self.filter(status=Status.DRAFT)

    def scheduled(self):
        return self.filter(status=Status.PUBLISHED, published_at__gt=timezone.now())


class Status(models.TextChoices):
    DRAFT = "draft", _("draft")
    PUBLISHED = "published", _("published")


class TranslatedContent(models.Model):
    """A content item whose text exists in one or more of the site's languages.

    `required_translations` names the translated fields that make the item available in a
    language; `slug_source` the field a missing slug is made from; `rich_text_fields` the
    HTML fields sanitised on save.
    """

    key = models.SlugField(
        _("key"),
        max_length=100,
        unique=True,
        blank=True,
        help_text=_("A stable identifier for imports and exports; filled in from the title when left empty."),
    )

    translation_sources = models.JSONField(
        _("source text at translation time"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Per language and field, a hash of the source-language text when that translation was saved."),
    )

    required_translations = ("title",)
    slug_source = "title"
    rich_text_fields = ()

    objects = TranslatedQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        for code in (translation.get_language(), *LANGUAGE_CODES):
            value = self.column(self.slug_source, code)
            if value:
                return value
        return self.key or f"{type(self).__name__} {self.pk}"

    def save(self, *args, **kwargs):
        from .translation_status import record_sources

        self.normalise_translations()
        record_sources(self)
        super().save(*args, **kwargs)

    def column(self, field, code):
        return getattr(self, f"{field}_{code}", None)

    def translation_in(self, field, code):
        return self.column(field, code) or ""

    def is_available_in(self, code):
        return all(self.column(field, code) for field in self.required_translations)

    def available_languages(self):
        return [code for code in LANGUAGE_CODES if self.is_available_in(code)]

    def missing_fields(self, code):
        """Required fields left empty in a language that has some text ([] if complete or empty)."""
        if not any(self.column(f, code) for f in translated_fields(type(self))):
            return []
        return [f for f in self.required_translations if not self.column(f, code)]

    def normalise_translations(self):
        """Empty strings become NULL (two '' slugs would collide) and missing slugs are made."""
        for field in translated_fields(type(self)):
            for code in LANGUAGE_CODES:
                value = self.column(field, code)
                if isinstance(value, str):
                    value = sanitise_html(value) if field in self.rich_text_fields else value.strip()
                    setattr(self, f"{field}_{code}", value or None)
        if "slug" in translated_fields(type(self)):
            for code in LANGUAGE_CODES:
                if not self.column("slug", code) and self.column(self.slug_source, code):
                    setattr(self, f"slug_{code}", ascii_slug(self.column(self.slug_source, code)) or None)
        if not self.key:
            self.key = self.make_key()

    def make_key(self):
        for code in LANGUAGE_CODES:
            base = ascii_slug(self.column(self.slug_source, code), max_length=90)
            if base:
                break
        else:
            base = type(self).__name__.lower()
        key, n = base, 1
        while type(self)._default_manager.filter(key=key).exclude(pk=self.pk).exists():
            n += 1
            key = f"{base}-{n}"
        return key

    def clean(self):
        super().clean()
        self.normalise_translations()
        errors = {}
        for code in LANGUAGE_CODES:
            for field in self.missing_fields(code):
                errors.setdefault(f"{field}_{code}", []).append(
                    ValidationError(
                        _("Required for %(language)s, because other %(language)s fields are filled in."),
                        code="incomplete_translation",
                        params={"language": language_name(code)},
                    )
                )
        if not errors and not self.available_languages():
            names = ", ".join(str(self._meta.get_field(f).verbose_name) for f in self.required_translations)
            raise ValidationError(
                _("Fill in %(fields)s in at least one language."),
                code="no_language",
                params={"fields": names},
            )
        if errors:
            raise ValidationError(errors)


class Publishable(models.Model):
    """Draft or published, with a publication time that may lie in the future."""

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        _("publication date"),
        default=timezone.now,
        db_index=True,
        help_text=_("Europe/Prague time. A published item dated in the future goes live by itself at that time."),
    )

    class Meta:
        abstract = True

    @property
    def is_live(self):
        return self.status == Status.PUBLISHED and self.published_at <= timezone.now()


class ContentManageable(models.Model):
    """Who created and last changed an item, and when."""

    created = models.DateTimeField(_("created"), auto_now_add=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True
