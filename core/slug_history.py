"""Old links kept: when an item's slug changes in a language, its old address there answers 301 to
its address now.

A save records the change (`record_slug_changes`, on post_save of every `TranslatedContent`); the
public side looks a path up only when it would answer 404 (`SlugRedirectMiddleware`), so normal
pages pay nothing. An item that takes an old address for itself is found first and wins; its
save also drops the redirect. Deleting an item deletes its old addresses. Redirects are never
stored by the page cache (it stores only 200s).
"""

from django.db import DatabaseError
from django.http import HttpResponsePermanentRedirect

from .i18n import LANGUAGE_CODES, reverse_in_language, url_in_language


def record_slug_changes(obj):
    """After `obj` was saved: a redirect from each language's old address to `obj`, and none left
    at the addresses it has now. Returns the changes as [(language, old slug, new slug)]."""
    from django.contrib.contenttypes.models import ContentType

    from .models import SlugRedirect

    before = getattr(obj, "stored_slugs", {})
    now = {code: obj.column("slug", code) for code in LANGUAGE_CODES}
    changes = [(code, before[code], now[code]) for code in LANGUAGE_CODES if before.get(code) not in (None, now[code])]
    if obj.slug_url_name and (changes or not before):
        current = [reverse_in_language(code, obj.slug_url_name, {"slug": slug}) for code, slug in now.items() if slug]
        SlugRedirect.objects.filter(old_path__in=current).delete()
        content_type = ContentType.objects.get_for_model(obj)
        for code, old, _new in changes:
            SlugRedirect.objects.update_or_create(
                old_path=reverse_in_language(code, obj.slug_url_name, {"slug": old}),
                defaults={"content_type": content_type, "object_id": obj.pk, "language": code},
            )
    obj.stored_slugs = now
    return changes


def forget_deleted(sender, instance, **kwargs):
    """A deleted item's old addresses go with it (post_delete of every model that has a page)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import SlugRedirect

    if getattr(sender, "slug_url_name", None):
        SlugRedirect.objects.filter(
            content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
        ).delete()


def record_on_save(sender, instance, raw=False, **kwargs):
    """post_save: a translated item's changed slugs recorded, and kept on it as `slug_changes` for
    the admin's message. A fixture's raw save records nothing, as it calls no save()."""
    from .models import TranslatedContent

    if not raw and issubclass(sender, TranslatedContent):
        instance.slug_changes = record_slug_changes(instance)


def connect_signals():
    from django.db.models.signals import post_delete, post_save

    post_save.connect(record_on_save)
    post_delete.connect(forget_deleted)


def redirect_target(path):
    """The address now of the item that `path` was an old address of, if the public may see it there."""
    from .models import SlugRedirect

    redirect = SlugRedirect.objects.filter(old_path=path).select_related("content_type").first()
    model = redirect and redirect.content_type.model_class()
    if model is None:
        return None
    obj = model._default_manager.visible_in(redirect.language).filter(pk=redirect.object_id).first()
    if obj is None:
        return None
    target = url_in_language(obj, redirect.language)
    return target if target != path else None


class SlugRedirectMiddleware:
    """Turns a 404 at an item's old address into a 301 to its address now (see the module)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        try:
            target = redirect_target(request.path)
        except DatabaseError:
            return response
        if target is None:
            return response
        query = request.META.get("QUERY_STRING")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
