"""Page titles that name a model, as whole translatable phrases.

Django builds them from the model's name: "Change %s" % "news item". Czech and Ukrainian need that
name in the accusative ("Změnit aktualitu", "Змінити новину"), which a nominative verbose_name
cannot give, so each model admin says its titles in full (`titles = ModelTitles(...)`) and
`TitledAdmin` puts them where Django would put its own: the change form's title and breadcrumb,
the list's title and its "Add" button, and the delete page's title.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext


@dataclass(frozen=True)
class ModelTitles:
    add: Promise  # "Add news item"
    change: Promise  # "Change news item"
    view: Promise  # "View news item"
    select_to_change: Promise  # "Select news item to change"
    select_to_view: Promise  # "Select news item to view"
    delete: Promise  # "Delete news item"


class TitledAdmin:
    """ModelAdmin mixin: Django's titles replaced by the model's own `titles`. A title that a view
    or another mixin set itself (not Django's built one) is left as it is."""

    titles = None

    def titled(self, title, replacements):
        if self.titles is None:
            return title
        name = self.opts.verbose_name
        return next((str(ours) for django, ours in replacements if str(title) == gettext(django) % name), title)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.titles is not None:
            context["title"] = self.titled(
                context.get("title", ""),
                [("Add %s", self.titles.add), ("Change %s", self.titles.change), ("View %s", self.titles.view)],
            )
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if self.titles is not None:
            changelist.title = self.titled(
                changelist.title,
                [
                    ("Select %s to change", self.titles.select_to_change),
                    ("Select %s to view", self.titles.select_to_view),
                ],
            )
        return changelist

    def render_delete_form(self, request, context):
        if self.titles is not None and str(context.get("title")) == gettext("Delete"):
            context["title"] = str(self.titles.delete)
        return super().render_delete_form(request, context)
