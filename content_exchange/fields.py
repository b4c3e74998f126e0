"""How each kind of field looks in the content format, and how it maps to model columns.

`parse` checks a raw JSON value and turns it into Python (no database involved),
`column_values` says which model columns that value sets, `export` reads it back into its JSON
form, and `columns` names the columns the field owns (for comparing with the database and for
naming fields in error messages).
"""

import datetime
import re
import unicodedata
from decimal import Decimal

from django.utils import timezone

from core.dates import PartialDate
from core.i18n import LANGUAGE_CODES

from .errors import FieldError

KEY_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DECIMAL_RE = re.compile(r"^-?\d{1,12}(?:\.\d{1,2})?$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def type_name(value):
    return {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        Decimal: "a number",
        type(None): "null",
    }.get(type(value), type(value).__name__)


def clean_text(value):
    """A string from the input, NFC-normalised; refuses anything else and NUL characters."""
    if not isinstance(value, str):
        raise FieldError(f"expected a string, got {type_name(value)}")
    if "\x00" in value:
        raise FieldError("contains a NUL character")
    return unicodedata.normalize("NFC", value)


def check_key(value):
    key = clean_text(value)
    if not KEY_RE.match(key) or len(key) > 100:
        raise FieldError(f'"{key}" is not a key: use lower-case ASCII letters, digits and single hyphens (at most 100)')
    return key


class Field:
    """A plain field stored in one column of the same name."""

    def __init__(self, name):
        self.name = name

    @property
    def columns(self):
        return (self.name,)

    def parse(self, value):
        return value

    def column_values(self, value):
        """The model columns this value sets."""
        return {self.name: value}

    def export(self, obj):
        return getattr(obj, self.name)


class Text(Field):
    def parse(self, value):
        return "" if value is None else clean_text(value)


class Translated(Field):
    """One text per language: {"en": "...", "cs": "...", "uk": "..."}; missing means empty."""

    @property
    def columns(self):
        return tuple(f"{self.name}_{code}" for code in LANGUAGE_CODES)

    def parse(self, value):
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise FieldError(
                f"expected an object with one text per language ({', '.join(LANGUAGE_CODES)}), got {type_name(value)}"
            )
        texts = {}
        for code, text in value.items():
            if code not in LANGUAGE_CODES:
                raise FieldError(f'unknown language "{code}" (expected {", ".join(LANGUAGE_CODES)})', subfield=code)
            if text is not None:
                try:
                    texts[code] = clean_text(text)
                except FieldError as error:
                    raise FieldError(str(error), subfield=code) from None
        return texts

    def column_values(self, value):
        return {f"{self.name}_{code}": value.get(code) or None for code in LANGUAGE_CODES}

    def export(self, obj):
        return {code: getattr(obj, f"{self.name}_{code}") or None for code in LANGUAGE_CODES}


class PartialDateField(Field):
    """ "2000", "2022-07" or "2023-12-19": the shape is the precision."""

    @property
    def columns(self):
        return (self.name, f"{self.name}_precision")

    def parse(self, value):
        if value is None:
            return None
        text = clean_text(value)
        try:
            return PartialDate.parse(text)
        except ValueError as error:
            problem = str(error)
            raise FieldError(problem if text in problem else f'"{text}" is not a valid date ({problem})') from None

    def column_values(self, value):
        if value is None:
            return {self.name: None}
        return {self.name: value.date, f"{self.name}_precision": value.precision}

    def export(self, obj):
        value = PartialDate.of(getattr(obj, self.name), getattr(obj, f"{self.name}_precision"))
        return value.isoformat() if value else None


class Date(Field):
    def parse(self, value):
        if value is None:
            return None
        text = clean_text(value)
        try:
            if not DATE_RE.match(text):
                raise ValueError
            return datetime.date.fromisoformat(text)
        except ValueError:
            raise FieldError(f'"{text}" is not a date of the form YYYY-MM-DD') from None

    def export(self, obj):
        value = getattr(obj, self.name)
        return value.isoformat() if value else None


class DateTime(Field):
    def parse(self, value):
        if value is None:
            return None
        text = clean_text(value)
        try:
            moment = datetime.datetime.fromisoformat(text)
        except ValueError:
            raise FieldError(f'"{text}" is not an ISO 8601 date-time such as "2023-12-19T10:00:00+01:00"') from None
        if moment.tzinfo is None:
            raise FieldError(f'"{text}" has no UTC offset; write it as e.g. "2023-12-19T10:00:00+01:00"')
        return moment

    def export(self, obj):
        value = getattr(obj, self.name)
        return timezone.localtime(value).isoformat() if value else None


class Stamp(DateTime):
    """`created` / `updated`: kept when an import creates the item (a restore keeps its history);
    any change an import makes is stamped with the time of that import instead."""

    @property
    def columns(self):
        return ()

    def column_values(self, value):
        return {}


class DecimalField(Field):
    """A number written as a string, so that nothing is lost to floating point: "7.6"."""

    def parse(self, value):
        if value is None:
            return None
        if not isinstance(value, str):
            raise FieldError(f'expected a number written as a string such as "7.6", got {type_name(value)}')
        if not DECIMAL_RE.match(value):
            raise FieldError(f'"{value}" is not a decimal number with at most 2 decimal places such as "7.6"')
        return Decimal(value)

    def export(self, obj):
        return decimal_text(getattr(obj, self.name))


def decimal_text(value):
    """The shortest exact form: 7500.00 -> "7500", 7.60 -> "7.6"."""
    if value is None:
        return None
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class Choice(Field):
    def __init__(self, name, choices):
        super().__init__(name)
        self.choices = [str(value) for value, _label in choices]

    def parse(self, value):
        if value is None:
            return None
        text = clean_text(value)
        if text not in self.choices:
            allowed = ", ".join(f'"{choice}"' for choice in self.choices)
            raise FieldError(f'"{text}" is not one of {allowed}')
        return text

    def column_values(self, value):
        return {} if value is None else {self.name: value}


class Boolean(Field):
    def parse(self, value):
        if not isinstance(value, bool):
            raise FieldError(f"expected true or false, got {type_name(value)}")
        return value


class Integer(Field):
    def parse(self, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise FieldError(f"expected a whole number of 0 or more, got {type_name(value)}")
        if value < 0:
            raise FieldError(f"expected a whole number of 0 or more, got {value}")
        if value > 2_147_483_647:
            raise FieldError(f"{value} is too large")
        return value


class Reference(Field):
    """The key of one record of another model, or null."""

    def __init__(self, name, model_label):
        super().__init__(name)
        self.model_label = model_label

    @property
    def columns(self):
        return (f"{self.name}_id",)

    def parse(self, value):
        return None if value is None else check_key(value)

    def export(self, obj):
        related = getattr(obj, self.name)
        return related.key if related else None


class References(Reference):
    """A list of keys of another model's records (a many-to-many relation)."""

    @property
    def columns(self):
        return ()

    def parse(self, value):
        if value is None:
            return []
        if not isinstance(value, list):
            raise FieldError(f"expected a list of keys, got {type_name(value)}")
        keys = []
        for position, item in enumerate(value, 1):
            try:
                key = check_key(item)
            except FieldError as error:
                raise FieldError(str(error), subfield=str(position)) from None
            if key in keys:
                raise FieldError(f'"{key}" is listed twice', subfield=str(position))
            keys.append(key)
        return keys

    def export(self, obj):
        return sorted(related.key for related in getattr(obj, self.name).all())


class Results(Field):
    """A project's result rows: [{"label": {...}, "value": "800", "qualifier": "", "unit": {...}}]."""

    def __init__(self, name, qualifier_choices):
        super().__init__(name)
        self.row_fields = {
            "label": Translated("label"),
            "value": DecimalField("value"),
            "qualifier": Choice("qualifier", qualifier_choices),
            "unit": Translated("unit"),
        }

    @property
    def columns(self):
        return ()

    def parse(self, value):
        if value is None:
            return []
        if not isinstance(value, list):
            raise FieldError(f"expected a list of result rows, got {type_name(value)}")
        rows = []
        for position, row in enumerate(value, 1):
            if not isinstance(row, dict):
                raise FieldError(f"expected an object, got {type_name(row)}", subfield=str(position))
            parsed = {}
            for name, raw in row.items():
                field = self.row_fields.get(name)
                if field is None:
                    raise FieldError(f'unknown field "{name}"', subfield=f"{position}.{name}")
                try:
                    parsed[name] = field.parse(raw)
                except FieldError as error:
                    where = f"{position}.{name}" + (f".{error.subfield}" if error.subfield else "")
                    raise FieldError(str(error), subfield=where) from None
            if parsed.get("value") is None:
                raise FieldError("a result needs a value", subfield=f"{position}.value")
            parsed["qualifier"] = parsed.get("qualifier") or ""
            rows.append(parsed)
        return rows

    @staticmethod
    def comparable(rows):
        """Rows as tuples, to tell whether a project's results changed."""

        def texts(row, name):
            return tuple((row.get(name, {}).get(code) or "").strip() or None for code in LANGUAGE_CODES)

        return [(texts(row, "label"), row["value"], row["qualifier"], texts(row, "unit")) for row in rows]

    def export(self, obj):
        return [
            {
                "label": self.row_fields["label"].export(result),
                "value": decimal_text(result.value),
                "qualifier": result.qualifier,
                "unit": self.row_fields["unit"].export(result),
            }
            for result in obj.results.all()
        ]
