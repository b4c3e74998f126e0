"""What every public page shares: GET and HEAD only, page languages, an item page found by its slug."""

from django.db.models import prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from .i18n import PageLanguages, find_by_any_slug, language_name, object_urls, url_in_language, view_urls


def read_only(view):
    """A public view answers GET and HEAD (the GET's headers, no body); any other method gets 405
    with `Allow: GET, HEAD`.

    The CSRF check, which protects requests that change something, is skipped: these views
    change nothing, and a POST would otherwise meet the CSRF failure page instead of the 405.
    """
    return csrf_exempt(require_safe(view))


class PageLanguagesMixin:
    """A public page, `read_only`, whose template gets `page_languages`: canonical, hreflang
    alternates and the switcher.

    A page that exists in every language names its URL (`url_name`); an item page overrides
    `get_page_languages()` to list only the languages the item is available in.
    """

    url_name = None

    @method_decorator(read_only)
    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    def get_page_languages(self):
        return PageLanguages(view_urls(self.url_name, self.kwargs))

    def get_context_data(self, **kwargs):
        # After the view's own context: a list has then refused a page number it does not have.
        context = super().get_context_data(**kwargs)
        context["page_languages"] = self.get_page_languages()
        return context


class TranslatedDetailView(PageLanguagesMixin, DetailView):
    """An item page found by its slug in the active language.

    A slug of another language leads to the item's page in this language when it has one, and
    otherwise to a 404 page that names the languages the item exists in and links to them.
    `section_url_name` is where the switcher leads for a language the item lacks. Staff may
    preview drafts and scheduled items; such a page is marked, never cached and not indexed.
    """

    section_url_name = None

    def visible_items(self):
        """The items this user may see in some language: staff who may preview see drafts too."""
        if self.may_preview():
            return self.model.objects.all()
        return self.model.objects.published()

    def may_preview(self):
        """Staff who may view or change this kind of item in the admin may also preview it."""
        user, opts = self.request.user, self.model._meta
        return user.is_staff and any(
            user.has_perm(f"{opts.app_label}.{action}_{opts.model_name}") for action in ("view", "change")
        )

    def get_queryset(self):
        code = translation.get_language()
        if self.may_preview():
            return self.model.objects.available_in(code)
        return self.model.objects.visible_in(code)

    draft_of = None  # the item whose draft this page previews (`?preview=draft`), if any

    def get(self, request, *args, **kwargs):
        """With `?preview=draft`, staff who may preview see the item's draft (a live item's newer
        version, `core.workflow`), applied in a transaction that is rolled back once the page is
        rendered: readers, feeds, the sitemap and the page cache never see it."""
        if request.GET.get("preview") == "draft" and self.may_preview():
            from .workflow import draft_applied

            item = find_by_any_slug(self.model.objects.all(), kwargs["slug"])
            if item is None:
                raise Http404
            self.draft_of = item
            with draft_applied(item):
                response = self.get_page(request, *args, **kwargs)
                if hasattr(response, "render"):
                    response.render()
            add_never_cache_headers(response)
            return response
        return self.get_page(request, *args, **kwargs)

    def get_object(self, queryset=None):
        if self.draft_of is None:
            return super().get_object(queryset)
        try:
            return (queryset or self.get_queryset()).get(pk=self.draft_of.pk)
        except self.model.DoesNotExist as error:
            raise Http404 from error

    def get_page(self, request, *args, **kwargs):
        try:
            response = super().get(request, *args, **kwargs)
        except Http404:
            item = find_by_any_slug(self.visible_items(), kwargs["slug"])
            if item is None:
                raise
            code = translation.get_language()
            if item.is_available_in(code):
                return redirect(url_in_language(item, code), permanent=not self.may_preview())
            return elsewhere_response(request, item, self.section_url_name)
        if not self.object.is_live:
            add_never_cache_headers(response)
        return response

    def get_page_languages(self):
        return PageLanguages(object_urls(self.object), fallbacks=view_urls(self.section_url_name))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            preview=not self.object.is_live or self.draft_of is not None,
            preview_draft=self.draft_of is not None,
            **kwargs,
        )

    @classmethod
    def unsaved_page(cls, request, item, relations):
        """The item's page in the active language, for an item built in memory from an admin form
        that was not saved (the admin's preview): this view's own context and template.

        The item's relations are read as this view reads them (its queryset's prefetches), then
        `relations` ({name: objects}) stands in for those the form changed: its chosen funders, its
        result rows as typed.
        """
        view = cls()
        view.setup(request, slug=item.column("slug", translation.get_language()) or "")
        item._prefetched_objects_cache = {}
        prefetch_related_objects([item], *view.get_queryset()._prefetch_related_lookups)
        for name, objects in relations.items():
            item._prefetched_objects_cache[name] = objects
        view.object = item
        context = view.get_context_data(object=item, unsaved_preview=True)
        return render_to_string(view.get_template_names(), context, request)


def elsewhere_response(request, item, section_url_name):
    """The 404 page for an item that exists, but not in the reader's language."""
    urls = object_urls(item)
    languages = [(code, language_name(code), url, item.column(item.slug_source, code)) for code, url in urls.items()]
    context = {
        "item_languages": languages,
        "page_languages": PageLanguages(urls, fallbacks=view_urls(section_url_name)),
    }
    return TemplateResponse(request, "404.html", context, status=404)
