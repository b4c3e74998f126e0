"""The office's history: directors and their tenures, milestones, and the key figures."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import Period, Precision, partial_date, period_errors
from core.images.content import ImageContent
from core.models import (
    ContentManageable,
    Publishable,
    PublishableQuerySet,
    Qualifier,
    TranslatedContent,
    unique_per_language,
)
from core.text import ascii_slug


class Director(ImageContent, TranslatedContent, Period, ContentManageable):
    """A head of the office. An unknown start or end stays empty; nothing is invented."""

    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True, null=True)
    biography = models.TextField(_("biography"), blank=True, null=True)
    photo = models.ImageField(_("photo"), upload_to="directors/", blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    required_translations = ("role",)
    slug_source = "role"
    rich_text_fields = ("biography",)

    class Meta:
        verbose_name = _("director")
        verbose_name_plural = _("directors")
        ordering = ["order", "started", "key"]

    def __str__(self):
        return self.name

    def make_key(self):
        return ascii_slug(self.name, max_length=90) or super().make_key()


class Milestone(ImageContent, TranslatedContent, Publishable, ContentManageable):
    class Theme(models.TextChoices):
        INSTITUTION = "institution", _("the office")
        RETURN = "return", _("voluntary return")
        LABOUR_MIGRATION = "labour_migration", _("labour migration")
        COUNTER_TRAFFICKING = "counter_trafficking", _("counter-trafficking")
        BORDER_MANAGEMENT = "border_management", _("border management")
        RESETTLEMENT = "resettlement", _("resettlement")
        INTEGRATION = "integration", _("integration")
        RESEARCH = "research", _("research and education")
        DATA = "data", _("migration data")
        UKRAINE_RESPONSE = "ukraine_response", _("Ukraine response")
        CRISIS = "crisis", _("crisis response")

    date = models.DateField(_("date"))
    date_precision = models.CharField(
        _("precision of date"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("For spans such as 2015–2021."))
    end_precision = models.CharField(
        _("precision of end"), max_length=5, choices=Precision.choices, default=Precision.DAY
    )
    title = models.CharField(_("title"), max_length=200, blank=True, null=True)
    slug = models.SlugField(_("slug"), max_length=200, blank=True, null=True)
    body = models.TextField(_("body"), blank=True, null=True)
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices, default=Theme.INSTITUTION)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    image = models.ImageField(_("image"), upload_to="milestones/", blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True, null=True)
    highlight = models.BooleanField(_("highlight"), default=False)

    required_translations = ("title", "slug")
    rich_text_fields = ("body",)
    list_deferred = ("body", "admin_search_text")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["date", "key"]
        constraints = unique_per_language("slug", "milestone")
        permissions = [("publish_milestone", "Can publish, unpublish and schedule milestones")]

    def clean(self):
        errors = period_errors(self, "date", "end")
        try:
            super().clean()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    @property
    def when(self):
        return partial_date(self, "date")

    @property
    def until(self):
        return partial_date(self, "end")

    def get_absolute_url(self):
        return reverse("history:timeline") + f"#{self.slug}"


class KeyFigure(TranslatedContent, ContentManageable):
    """A number the home and history pages show, with its date and its source."""

    label = models.CharField(_("label"), max_length=200, blank=True, null=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default="", blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True, null=True)
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=250, blank=True, null=True)
    source_url = models.URLField(_("source link"), blank=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    required_translations = ("label", "source")
    slug_source = "label"

    class Meta:
        verbose_name = _("key figure")
        verbose_name_plural = _("key figures")
        ordering = ["order", "key"]
