import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "slug", "lead", "body", "image_alt", "image_caption", "search_text")


# Revisions are registered here, after the language columns exist, so each revision keeps every language.
simple_history.register(NewsItem)
