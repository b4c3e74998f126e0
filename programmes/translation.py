from modeltranslation.translator import TranslationOptions, register

from .models import Organisation, Programme, Project, ProjectResult


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "short_name")


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "body", "image_alt")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "slug", "summary", "body")


@register(ProjectResult)
class ProjectResultTranslation(TranslationOptions):
    fields = ("label", "unit")
