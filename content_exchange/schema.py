"""Which models the content format carries, in the order they must be written, and their fields."""

from dataclasses import dataclass
from functools import cache, cached_property

from django.apps import apps

from core.models import Qualifier, Status

from .fields import (
    Boolean,
    Choice,
    Date,
    DateTime,
    DecimalField,
    Integer,
    PartialDateField,
    Reference,
    References,
    Results,
    Stamp,
    Text,
    Translated,
)


@dataclass(frozen=True)
class ModelSpec:
    label: str
    fields: tuple

    @cached_property
    def model(self):
        return apps.get_model(self.label)

    @cached_property
    def by_name(self):
        return {field.name: field for field in self.fields}

    def field_for_column(self, column):
        """The format's name for a model column, e.g. "title_cs" -> "title.cs", "started_precision" -> "started"."""
        for field in self.fields:
            if column in field.columns:
                suffix = column.removeprefix(f"{field.name}_") if isinstance(field, Translated) else ""
                return f"{field.name}.{suffix}" if suffix else field.name
        return column.removesuffix("_id")


def choices(label, field):
    return apps.get_model(label)._meta.get_field(field).choices


def publishing():
    return (Choice("status", Status.choices), DateTime("published_at"))


def build_specs():
    """One spec per model, in dependency order: what a record refers to is written before it."""
    stamps = (Stamp("created"), Stamp("updated"))
    return tuple(ModelSpec(spec.label, (*spec.fields, *stamps)) for spec in content_specs())


def content_specs():
    return (
        ModelSpec(
            "programmes.organisation",
            (
                Translated("name"),
                Translated("short_name"),
                Choice("kind", choices("programmes.organisation", "kind")),
                Text("country"),
                Text("website"),
            ),
        ),
        ModelSpec(
            "programmes.programme",
            (
                Translated("title"),
                Translated("slug"),
                Translated("summary"),
                Translated("body"),
                PartialDateField("started"),
                PartialDateField("ended"),
                Integer("order"),
                Text("contact_email"),
                *publishing(),
                Translated("image_alt"),
            ),
        ),
        ModelSpec(
            "programmes.project",
            (
                Reference("programme", "programmes.programme"),
                Translated("title"),
                Translated("slug"),
                Translated("summary"),
                Translated("body"),
                PartialDateField("started"),
                PartialDateField("ended"),
                Text("code"),
                DecimalField("budget"),
                Text("currency"),
                References("funders", "programmes.organisation"),
                References("partners", "programmes.organisation"),
                Results("results", Qualifier.choices),
                *publishing(),
            ),
        ),
        ModelSpec(
            "history.director",
            (
                Text("name"),
                Translated("role"),
                PartialDateField("started"),
                PartialDateField("ended"),
                Translated("biography"),
                Integer("order"),
            ),
        ),
        ModelSpec(
            "history.milestone",
            (
                PartialDateField("date"),
                PartialDateField("end"),
                Translated("title"),
                Translated("slug"),
                Translated("body"),
                Choice("theme", choices("history.milestone", "theme")),
                Reference("programme", "programmes.programme"),
                Boolean("highlight"),
                Translated("image_alt"),
                *publishing(),
            ),
        ),
        ModelSpec(
            "history.keyfigure",
            (
                Translated("label"),
                DecimalField("value"),
                Choice("qualifier", Qualifier.choices),
                Translated("unit"),
                Date("as_of"),
                Translated("source"),
                Text("source_url"),
                Integer("order"),
            ),
        ),
        ModelSpec(
            "news.newsitem",
            (
                Translated("title"),
                Translated("slug"),
                Translated("lead"),
                Translated("body"),
                Choice("kind", choices("news.newsitem", "kind")),
                Choice("scope", choices("news.newsitem", "scope")),
                *publishing(),
                Translated("image_alt"),
                Translated("image_caption"),
                Text("image_credit"),
                Text("media_contact_name"),
                Text("media_contact_email"),
                References("programmes", "programmes.programme"),
                References("projects", "programmes.project"),
            ),
        ),
    )


@cache
def specs():
    """The specs, built once the apps are ready."""
    return build_specs()


def spec_for(label):
    return next((spec for spec in specs() if spec.label == label), None)
