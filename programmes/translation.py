import simple_history
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


# Revisions are registered here, after the language columns exist, so each revision keeps every language.
# A project's revisions keep its funders and partners too, so that restoring one brings them back.
for model in (Organisation, Programme, ProjectResult):
    simple_history.register(model)
simple_history.register(Project, m2m_fields=["funders", "partners"])
