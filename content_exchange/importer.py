"""Importing content: every record is read and checked first, then written in one transaction.

The work is split in three so that nothing is written unless everything is right:
`read` parses and checks each record on its own (no database), `plan` compares the records with
the database in bulk and validates them as model instances, and `write` saves only what changed,
models in dependency order.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.i18n import LANGUAGE_CODES, translated_fields
from core.public_cache import content_changed
from core.translation_sources import record_row_sources, record_sources, rows_snapshot

from .csvfile import read_csv_records
from .errors import ContentError, FieldError
from .feeds import FEED_SUFFIXES, read_feed
from .fields import Reference, References, Results, Stamp, Translated, check_key, type_name
from .jsonfile import read_json_records
from .schema import spec_for, specs

DEFAULT_MAX_SIZE = 100 * 1024 * 1024
READERS = {".json": (read_json_records, "record"), ".csv": (read_csv_records, "line")}
SUFFIXES = (*READERS, *FEED_SUFFIXES)
# The reason a revision made by an import gives.
IMPORTED = "Imported"
# Rows per INSERT: one statement for thousands of long rows is slower on PostgreSQL than several.
BATCH_SIZE = 500


def content_files(paths):
    """The files named, with each folder replaced by its content files sorted by name."""
    files = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not found:
                raise ContentError(f"the folder holds no {', '.join(SUFFIXES)} files", path=given)
            files.extend(found)
        elif path.is_file():
            if path.suffix.lower() not in SUFFIXES:
                raise ContentError(
                    f"is not a content file (expected a name ending in {', '.join(SUFFIXES)})", path=given
                )
            files.append(path)
        else:
            raise ContentError("does not exist", path=given)
    return files


@dataclass
class Record:
    """One checked record, remembered with where it came from for error messages."""

    spec: object
    key: str
    values: dict
    path: str
    index: int
    unit: str = "record"
    languages: tuple = LANGUAGE_CODES

    def error(self, message, field=None):
        return ContentError(message, path=self.path, index=self.index, key=self.key, field=field, unit=self.unit)

    @property
    def where(self):
        return f"{self.unit} {self.index} of {self.path}"


def parse_record(raw, path, index, unit="record", languages=LANGUAGE_CODES):
    if not isinstance(raw, dict):
        raise ContentError(f"expected an object, got {type_name(raw)}", path=path, index=index, unit=unit)
    shown_key = raw.get("key") if isinstance(raw.get("key"), str) else None

    def error(message, field):
        return ContentError(message, path=path, index=index, key=shown_key, field=field, unit=unit)

    label = raw.get("model")
    if label is None:
        raise error('missing (e.g. "news.newsitem")', "model")
    spec = spec_for(label) if isinstance(label, str) else None
    if spec is None:
        known = ", ".join(s.label for s in specs())
        raise error(f'unknown model "{label}" (expected one of {known})', "model")
    if "key" not in raw:
        raise error("missing: every record needs a key", "key")
    try:
        key = check_key(raw["key"])
    except FieldError as problem:
        raise error(str(problem), "key") from None
    values = {}
    for name, value in raw.items():
        if name in ("model", "key"):
            continue
        field = spec.by_name.get(name)
        if field is None:
            raise error(f"unknown field for {label} (known: {', '.join(spec.by_name)})", name)
        try:
            values[name] = field.parse(value)
        except FieldError as problem:
            raise error(str(problem), f"{name}.{problem.subfield}" if problem.subfield else name) from None
    return Record(spec, key, values, str(path), index, unit, languages)


@dataclass
class Planned:
    """What will happen to one record: the column values it sets, its relations, and its fate."""

    record: Record
    values: dict
    status: str = "created"
    pk: int | None = None
    obj: object = None
    references: dict = field(default_factory=dict)
    many: dict = field(default_factory=dict)
    results: list | None = None
    stamps: dict = field(default_factory=dict)

    def column(self, name):
        return getattr(self.obj, name) if self.obj is not None else self.values.get(name)


def chunks(items, size=500):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Importer:
    def __init__(self, max_size=DEFAULT_MAX_SIZE, progress=None, language=None):
        self.max_size = max_size
        self.language = language
        self.warnings = []
        self.progress = progress
        self.records = {spec.label: {} for spec in specs()}
        self.summary = {spec.label: Counter() for spec in specs()}
        self.pks = defaultdict(dict)
        self.files = []

    def read(self, paths):
        """Read and check every record of every file, without touching the database."""
        for path in content_files(paths):
            size = path.stat().st_size
            if size > self.max_size:
                raise ContentError(f"is {size:,} bytes, over the limit of {self.max_size:,} bytes", path=path)
            if size == 0:
                raise ContentError("is empty", path=path)
            count = 0
            with path.open("rb") as raw:
                if path.suffix.lower() in FEED_SUFFIXES:
                    language, items = read_feed(path, raw, self.language, self.warnings.append)
                    unit, languages = "entry", (language,)
                else:
                    reader, unit = READERS[path.suffix.lower()]
                    items, languages = reader(path, raw), LANGUAGE_CODES
                for index, raw_record in items:
                    self.add(parse_record(raw_record, path, index, unit, languages))
                    count += 1
            self.files.append((path, count))

    def add(self, record):
        known = self.records[record.spec.label]
        earlier = known.get(record.key)
        if earlier:
            raise record.error(f"duplicate key: {earlier.where} has the same key", field="key")
        known[record.key] = record

    @property
    def count(self):
        return sum(len(records) for records in self.records.values())

    def run(self, dry_run=False):
        """Check everything against the database, then write it all or nothing."""
        try:
            with transaction.atomic():
                plans = [(spec, self.plan(spec)) for spec in specs()]
                if not dry_run:
                    for spec, plan in plans:
                        self.write(spec, plan)
                    content_changed()
        except IntegrityError as error:
            raise ContentError(f"the database refused the import: {' '.join(str(error).split())}") from None
        return self.summary

    def known_keys(self, label, keys):
        """Key -> primary key for the records of a model that exist in the database."""
        model = spec_for(label).model
        found = {}
        for chunk in chunks(keys):
            found.update(model.objects.filter(key__in=chunk).values_list("key", "pk"))
        return found

    def current_rows(self, spec, keys):
        """Key -> the database's values of every column the format sets, as plain dicts."""
        columns = [column for field in spec.fields for column in field.columns]
        rows = {}
        for chunk in chunks(keys):
            for row in spec.model.objects.filter(key__in=chunk).values("pk", "key", *columns):
                rows[row["key"]] = row
        return rows

    def plan(self, spec):
        """Compare each record with the database; validate (slowly) only what is new or different.

        Records go in batches, so that only one batch of database rows is held at a time.
        """
        records = self.records[spec.label]
        if not records:
            return []
        targets = self.reference_targets(spec, records)
        slugs = list(spec.by_name["slug"].columns) if "slug" in spec.by_name else []
        plans = []
        for batch in chunks(records.values()):
            rows = self.current_rows(spec, [record.key for record in batch])
            pks = [row["pk"] for row in rows.values()]
            current_many = self.current_relations(spec, pks)
            current_results = self.current_results(spec, pks)
            to_build = []
            for record in batch:
                planned = self.prepare(spec, record, targets)
                row = rows.get(record.key)
                if row is not None:
                    planned.pk = row["pk"]
                    relations = (current_many.get(row["pk"], {}), current_results.get(row["pk"], []))
                    if self.same(planned, planned.values, row, *relations):
                        planned.status = "unchanged"
                        planned.values = {column: row[column] for column in slugs}
                    else:
                        to_build.append((planned, row, relations))
                else:
                    self.require_references(spec, planned)
                    to_build.append((planned, None, None))
                record.values = None
                plans.append(planned)
                if self.progress:
                    self.progress()
            self.build(spec, to_build)
        self.check_slugs(spec, plans)
        for planned in plans:
            self.summary[spec.label][planned.status] += 1
        return plans

    def build(self, spec, to_build):
        """Model instances for new and different records, each validated by the model itself."""
        existing = spec.model.objects.in_bulk([row["pk"] for _planned, row, _rel in to_build if row])
        # References are checked by key above; a translated field's original column only repeats
        # one language's value, which is validated in its own column.
        excluded = [f.name for f in spec.fields if isinstance(f, Reference)] + list(translated_fields(spec.model))
        columns = [column for field in spec.fields for column in field.columns]
        # Every language column named, so that modeltranslation's constructor has none to fill in.
        blank = {f"{name}_{code}": None for name in translated_fields(spec.model) for code in LANGUAGE_CODES}
        for planned, row, relations in to_build:
            if row:
                obj = existing[row["pk"]]
                for column, value in planned.values.items():
                    setattr(obj, column, value)
            else:
                obj = spec.model(key=planned.record.key, **{**blank, **planned.values})
            try:
                obj.full_clean(exclude=excluded, validate_unique=False, validate_constraints=False)
            except ValidationError as error:
                raise self.explain(spec, planned.record, error) from None
            planned.obj = obj
            if row is not None:
                after = {column: getattr(obj, column) for column in columns}
                planned.status = "unchanged" if self.same(planned, after, row, *relations) else "updated"
            planned.values = {}

    def reference_targets(self, spec, records):
        """For each referenced model, the keys that exist in the database, fetched in bulk."""
        targets = {}
        for ref in spec.fields:
            if isinstance(ref, Reference):
                wanted = set()
                for record in records.values():
                    value = record.values.get(ref.name)
                    wanted.update(value if isinstance(value, list) else [value] if value else [])
                targets[ref.name] = self.known_keys(ref.model_label, wanted)
        return targets

    def prepare(self, spec, record, targets):
        """The columns a record sets, its references checked and resolved where they exist already."""
        planned = Planned(record, {})
        for name, value in record.values.items():
            field = spec.by_name[name]
            if isinstance(field, Stamp):
                if value is not None:
                    planned.stamps[name] = value
            elif isinstance(field, Results):
                planned.results = self.result_rows(spec, record, value)
            elif isinstance(field, Reference):
                keys = value if isinstance(field, References) else [value] if value else []
                for key in keys:
                    if key not in targets[name] and key not in self.records[field.model_label]:
                        raise record.error(
                            f'no {field.model_label} with key "{key}" in this import or the database', name
                        )
                if isinstance(field, References):
                    planned.many[name] = keys
                else:
                    if value is None and not spec.model._meta.get_field(name).null:
                        raise record.error(f"a {spec.label} needs a {field.model_label}", name)
                    planned.references[name] = value
                    planned.values[f"{name}_id"] = targets[name].get(value) if value else None
            elif isinstance(field, Translated):
                columns = field.column_values(value)
                planned.values.update({f"{name}_{code}": columns[f"{name}_{code}"] for code in record.languages})
            else:
                planned.values.update(field.column_values(value))
        return planned

    @staticmethod
    def require_references(spec, planned):
        """A new item must name what it cannot exist without (a project's programme)."""
        for ref in spec.fields:
            if type(ref) is Reference and ref.name not in planned.references:
                if not spec.model._meta.get_field(ref.name).null:
                    raise planned.record.error(f"missing: a {spec.label} needs a {ref.model_label}", ref.name)

    @staticmethod
    def same(planned, values, row, many_before, results_before):
        """Whether an existing item would be left exactly as it is."""
        if any(row[column] != value for column, value in values.items() if column in row):
            return False
        if any(set(keys) != set(many_before.get(name, ())) for name, keys in planned.many.items()):
            return False
        return planned.results is None or [values for values, _row in planned.results] == results_before

    def current_relations(self, spec, pks):
        """For existing objects: pk -> {relation name: [target keys]}, fetched in bulk."""
        current = defaultdict(dict)
        for ref in spec.fields:
            if not isinstance(ref, References):
                continue
            relation = spec.model._meta.get_field(ref.name)
            through = relation.remote_field.through
            source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
            for chunk in chunks(pks):
                rows = through.objects.filter(**{f"{source}_id__in": chunk})
                for pk, key in rows.values_list(f"{source}_id", f"{target}__key"):
                    current[pk].setdefault(ref.name, []).append(key)
        return current

    def current_results(self, spec, pks):
        if "results" not in spec.by_name or not pks:
            return {}
        model = spec.model._meta.get_field("results").related_model
        rows = defaultdict(list)
        results = model.objects.filter(project_id__in=pks).order_by("project_id", "order", "pk")
        for result in results:
            rows[result.project_id].append(
                {
                    "label": {code: getattr(result, f"label_{code}") for code in LANGUAGE_CODES},
                    "value": result.value,
                    "qualifier": result.qualifier,
                    "unit": {code: getattr(result, f"unit_{code}") for code in LANGUAGE_CODES},
                }
            )
        return {pk: Results.comparable(value) for pk, value in rows.items()}

    def result_rows(self, spec, record, rows):
        """(comparable tuple, unsaved model row) per result row, each validated."""
        model = spec.model._meta.get_field("results").related_model
        built = []
        for order, values in enumerate(Results.comparable(rows)):
            label, value, qualifier, unit = values
            row = model(value=value, qualifier=qualifier, order=order)
            for code, label_text, unit_text in zip(LANGUAGE_CODES, label, unit, strict=True):
                setattr(row, f"label_{code}", label_text)
                setattr(row, f"unit_{code}", unit_text)
            try:
                row.full_clean(exclude=["project"])
            except ValidationError as error:
                column, messages = next(iter(error.message_dict.items()))
                name = column.replace("_", ".", 1) if column.startswith(("label_", "unit_")) else column
                raise record.error(" ".join(messages), f"results.{order + 1}.{name}") from None
            built.append((values, row))
        return built

    def explain(self, spec, record, error):
        """A model validation error as one line naming the format's field."""
        translated = {field.name for field in spec.fields if isinstance(field, Translated)}
        problems = sorted(error.message_dict.items(), key=lambda item: item[0] in translated)
        for column, messages in problems:
            field = None if column == "__all__" else spec.field_for_column(column)
            return record.error(" ".join(messages), field)
        return record.error(" ".join(error.messages))

    def check_slugs(self, spec, plans):
        """Slugs are unique per language: within this import and against the rest of the database."""
        if "slug" not in spec.by_name:
            return
        columns = [f"slug_{code}" for code in LANGUAGE_CODES]
        keys = set(self.records[spec.label])
        taken = {column: {} for column in columns}
        others = spec.model.objects.values_list("key", *columns).iterator()
        for key, *slugs in others:
            if key not in keys:
                for column, slug in zip(columns, slugs, strict=True):
                    if slug:
                        taken[column][slug] = f'the {spec.label} "{key}" in the database'
        for planned in plans:
            for column in columns:
                slug = planned.column(column)
                if not slug:
                    continue
                holder = taken[column].get(slug)
                if holder:
                    raise planned.record.error(
                        f'the slug "{slug}" is already used by {holder}', spec.field_for_column(column)
                    )
                taken[column][slug] = planned.record.where

    def write(self, spec, plans):
        model = spec.model
        for planned in plans:
            for name, key in planned.references.items():
                target = spec.by_name[name].model_label
                if key and planned.obj is not None and getattr(planned.obj, f"{name}_id") is None:
                    setattr(planned.obj, f"{name}_id", self.pks[target][key])
        self.create(model, [p for p in plans if p.status == "created"])
        for planned in plans:
            if planned.status == "updated":
                planned.obj.save()
            if planned.obj is not None:
                planned.pk = planned.obj.pk
            self.pks[spec.label][planned.record.key] = planned.pk
        changed = [p for p in plans if p.status != "unchanged"]
        self.write_many(spec, changed)
        self.write_results(spec, changed)

    @staticmethod
    def create(model, plans):
        """Create new items with `bulk_create`, each prepared as its save() would prepare it, and give
        each a first revision dated when the item was last changed; created/updated take the times the
        record carries, if any (bulk_create sets "now")."""
        if not plans:
            return
        objs = [planned.obj for planned in plans]
        for obj in objs:
            # full_clean() normalised the translations already; the sources are what save() adds to that.
            record_sources(obj)
        model.objects.bulk_create(objs, batch_size=BATCH_SIZE)
        stamped = [planned for planned in plans if planned.stamps]
        for planned in stamped:
            for name, value in planned.stamps.items():
                setattr(planned.obj, name, value)
        if stamped:
            names = sorted({name for planned in stamped for name in planned.stamps})
            model.objects.bulk_update([planned.obj for planned in stamped], names)
        for obj in objs:
            obj._history_date = obj.updated
        model.history.bulk_history_create(objs, batch_size=BATCH_SIZE, default_change_reason=IMPORTED)

    def write_many(self, spec, changed):
        for ref in spec.fields:
            if not isinstance(ref, References):
                continue
            relation = spec.model._meta.get_field(ref.name)
            through = relation.remote_field.through
            source, target = relation.m2m_field_name(), relation.m2m_reverse_field_name()
            touched = [p for p in changed if ref.name in p.many]
            if not touched:
                continue
            for chunk in chunks(p.pk for p in touched):
                through.objects.filter(**{f"{source}_id__in": chunk}).delete()
            wanted = {key for p in touched for key in p.many[ref.name]}
            pks = {**self.known_keys(ref.model_label, wanted)}
            through.objects.bulk_create(
                [
                    through(**{f"{source}_id": p.pk, f"{target}_id": pks[key]})
                    for p in touched
                    for key in p.many[ref.name]
                ],
                batch_size=500,
            )

    def write_results(self, spec, changed):
        touched = [p for p in changed if p.results is not None]
        if not touched:
            return
        model = spec.model._meta.get_field("results").related_model
        # The rows' text before and after counts towards the items' translation status.
        items = [planned.obj for planned in touched if planned.obj is not None]
        before = {obj.pk: rows_snapshot(obj) for obj in items}
        model.objects.filter(project_id__in=[p.pk for p in touched]).delete()
        rows = []
        for planned in touched:
            for _values, row in planned.results:
                row.project_id = planned.pk
                rows.append(row)
        model.objects.bulk_create(rows)
        model.history.bulk_history_create(rows, default_change_reason=IMPORTED)
        recorded = [obj for obj in items if record_row_sources(obj, before[obj.pk])]
        spec.model.objects.bulk_update(recorded, ["translation_sources"])
