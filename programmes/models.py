"""Programmes, their projects with results, and the organisations that fund or partner them."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dates import Period
from core.images.content import ImageContent
from core.models import (
    ContentManageable,
    Publishable,
    PublishableQuerySet,
    Qualifier,
    TranslatedContent,
    TranslatedRow,
    unique_per_language,
)


class Organisation(ImageContent, TranslatedContent, ContentManageable):
    """A donor or partner: an EU fund, a government, a ministry, a city, an NGO…"""

    class Kind(models.TextChoices):
        EU_FUND = "eu_fund", _("EU fund")
        GOVERNMENT = "government", _("government")
        MINISTRY = "ministry", _("ministry")
        MUNICIPALITY = "municipality", _("municipality")
        UN_AGENCY = "un_agency", _("UN agency")
        NGO = "ngo", _("NGO")
        ACADEMIA = "academia", _("academia")
        PRIVATE_SECTOR = "private_sector", _("private sector")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200, blank=True, null=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True, null=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.CharField(_("country"), max_length=2, blank=True, help_text=_("ISO 3166-1 alpha-2 code, e.g. CZ."))
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="organisations/", blank=True)

    required_translations = ("name",)
    slug_source = "name"

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["key"]


class Programme(ImageContent, TranslatedContent, Publishable, Period, ContentManageable):
    title = models.CharField(_("title"), max_length=200, blank=True, null=True)
    slug = models.SlugField(_("slug"), max_length=200, blank=True, null=True, allow_unicode=False)
    summary = models.TextField(_("summary"), blank=True, null=True)
    body = models.TextField(_("body"), blank=True, null=True)
    order = models.PositiveIntegerField(_("order"), default=0)
    image = models.ImageField(_("image"), upload_to="programmes/", blank=True)
    image_alt = models.CharField(_("image description (alt text)"), max_length=250, blank=True, null=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    required_translations = ("title", "slug", "summary")
    rich_text_fields = ("body",)
    list_deferred = ("body", "admin_search_text")
    slug_url_name = "programmes:programme-detail"

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["order", "key"]
        constraints = unique_per_language("slug", "programme")
        permissions = [("publish_programme", "Can publish, unpublish and schedule programmes")]

    def get_absolute_url(self):
        return reverse("programmes:programme-detail", kwargs={"slug": self.slug})


class Project(TranslatedContent, Publishable, Period, ContentManageable):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="projects"
    )
    title = models.CharField(_("title"), max_length=200, blank=True, null=True)
    slug = models.SlugField(_("slug"), max_length=200, blank=True, null=True)
    summary = models.TextField(_("summary"), blank=True, null=True)
    body = models.TextField(_("body"), blank=True, null=True)
    code = models.CharField(_("code"), max_length=60, blank=True, help_text=_("E.g. a grant reference."))
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True, help_text=_("ISO 4217 code, e.g. EUR."))
    funders = models.ManyToManyField(
        Organisation, verbose_name=_("funders"), blank=True, related_name="funded_projects"
    )
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), blank=True, related_name="partner_projects"
    )

    required_translations = ("title", "slug", "summary")
    rich_text_fields = ("body",)
    list_deferred = ("body", "admin_search_text")
    translated_rows = ("results",)
    slug_url_name = "programmes:project-detail"

    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-started", "key"]
        constraints = unique_per_language("slug", "project")
        permissions = [("publish_project", "Can publish, unpublish and schedule projects")]

    def get_absolute_url(self):
        return reverse("programmes:project-detail", kwargs={"slug": self.slug})


class ProjectResult(TranslatedRow):
    """One measured result of a project: "more than 800 people returned"; a language without its
    label (or, where it has one, its unit) leaves the project's translation incomplete."""

    # An Editor who may change a project may also remove its result rows.
    editors_may_delete = True

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="results")
    label = models.CharField(_("label"), max_length=200, blank=True, null=True)
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    qualifier = models.CharField(_("qualifier"), max_length=10, choices=Qualifier.choices, default="", blank=True)
    unit = models.CharField(_("unit"), max_length=60, blank=True, null=True)
    order = models.PositiveIntegerField(_("order"), default=0)

    required_translations = ("label",)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.label or ''} {self.value}".strip()
