"""Writing the site's content in the import format, one record at a time."""

import json

from .fields import Reference, References, Results
from .jsonfile import FORMAT_NAME, FORMAT_VERSION
from .schema import specs


def records(since=None, labels=None):
    """Every record of every model (or of `labels`), in dependency order and by key.

    With `since`, only the items changed at or after that moment.
    """
    for spec in specs():
        if labels is not None and spec.label not in labels:
            continue
        queryset = spec.model.objects.order_by("key")
        if since is not None:
            queryset = queryset.filter(updated__gte=since)
        single = [f.name for f in spec.fields if isinstance(f, Reference) and not isinstance(f, References)]
        many = [f.name for f in spec.fields if isinstance(f, References | Results)]
        queryset = queryset.select_related(*single).prefetch_related(*many)
        for obj in queryset.iterator(chunk_size=500):
            yield {"model": spec.label, "key": obj.key, **{field.name: field.export(obj) for field in spec.fields}}


def write_json(out, since=None):
    """The content file, written as it is produced: never the whole site in memory at once."""
    out.write(f'{{\n  "format": "{FORMAT_NAME}",\n  "version": {FORMAT_VERSION},\n  "records": [')
    separator = "\n"
    for record in records(since):
        text = json.dumps(record, ensure_ascii=False, indent=2)
        out.write(separator + "\n".join(f"    {line}" for line in text.splitlines()))
        separator = ",\n"
    out.write("\n  ]\n}\n")
