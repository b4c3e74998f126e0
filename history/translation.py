import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import Director, KeyFigure, Milestone


@register(Director)
class DirectorTranslation(TranslationOptions):
    fields = ("role", "biography")


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title", "slug", "body", "image_alt")


@register(KeyFigure)
class KeyFigureTranslation(TranslationOptions):
    fields = ("label", "unit", "source")


# Revisions are registered here, after the language columns exist, so each revision keeps every language.
for model in (Director, Milestone, KeyFigure):
    simple_history.register(model)
