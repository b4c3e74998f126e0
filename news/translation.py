from modeltranslation.translator import TranslationOptions, register

from .models import NewsItem


@register(NewsItem)
class NewsItemTranslation(TranslationOptions):
    fields = ("title", "slug", "lead", "body", "image_alt", "image_caption", "search_text")
