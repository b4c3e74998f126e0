import simple_history
from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "slug", "lead", "body", "image_alt", "image_caption", "search_text")


# Revisions are registered here, after the language columns exist, so each revision keeps every language.
# Its revisions keep its related programmes and projects too, so that restoring one brings them back.
simple_history.register(NewsItem, m2m_fields=["programmes", "projects"])
