"""The delete page without the rows that only link two items (a news item to a programme).

Django lists them as "Newsitem-project relationship: NewsItem_projects object (2)": names that are
neither translatable nor meaningful to an editor. They go with the item and change nothing else.
"""

from django.apps import apps
from django.utils.text import capfirst


def link_tables(model):
    """The options of the tables that Django made for the many-to-many fields to or from `model`."""
    tables = []
    for candidate in apps.get_models():
        for field in candidate._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created and model in (candidate, field.related_model):
                tables.append(through._meta)
    return tables


def without_links(items, prefixes):
    """The nested list of the delete page without the entries that name a link row."""
    kept = []
    for item in items:
        if isinstance(item, list):
            kept.append(without_links(item, prefixes))
        elif not str(item).startswith(prefixes):
            kept.append(item)
    return kept


class DeletionAdmin:
    """ModelAdmin mixin: the delete page and the "delete selected" action list only what an editor
    would recognise."""

    def get_deleted_objects(self, objs, request):
        to_delete, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        tables = link_tables(self.model)
        if tables:
            prefixes = tuple(f"{capfirst(opts.verbose_name)}: " for opts in tables)
            to_delete = without_links(to_delete, prefixes)
            plural_names = {str(opts.verbose_name_plural) for opts in tables}
            model_count = {name: count for name, count in model_count.items() if str(name) not in plural_names}
        return to_delete, model_count, perms_needed, protected
