"""CSV for spreadsheets: one row per item, one column per language (`title_en,title_cs,title_uk`).

A row becomes the same record a JSON file holds, so it is checked and imported the same way.
"""

import codecs
import csv
import io

from charset_normalizer import from_bytes

from core.i18n import LANGUAGE_CODES

from .errors import ContentError
from .fields import Boolean, Integer, References, Results, Translated
from .schema import spec_for

CSV_MODELS = ("news.newsitem", "history.milestone", "history.keyfigure", "programmes.organisation")
SAMPLE_SIZE = 64 * 1024
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_columns(spec):
    """The CSV header of a model: model, key, then each field (translated ones once per language)."""
    columns = ["model", "key"]
    for field in spec.fields:
        if isinstance(field, Translated):
            columns += [f"{field.name}_{code}" for code in LANGUAGE_CODES]
        elif not isinstance(field, Results):
            columns.append(field.name)
    return columns


def known_columns():
    return {column for label in CSV_MODELS for column in csv_columns(spec_for(label))}


def text_stream(path, raw):
    """The file as UTF-8 text (a BOM is dropped); another encoding is named and refused."""
    sample = raw.read(SAMPLE_SIZE)
    if b"\x00" in sample:
        raise ContentError("contains NUL bytes: it is a binary or UTF-16 file, not a UTF-8 CSV", path=path)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=len(sample) < SAMPLE_SIZE)
    except UnicodeDecodeError:
        guess = from_bytes(sample).best()
        named = f" (it looks like {guess.encoding})" if guess else ""
        raise ContentError(f"is not UTF-8{named}; save it as UTF-8 and import it again", path=path) from None
    raw.seek(0)
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="strict", newline="")


def cell_value(field, text):
    """A CSV cell as the JSON value of its field: empty means null, lists are space-separated."""
    if isinstance(field, References):
        return text.split()
    if text == "":
        return None
    if isinstance(field, Boolean):
        lowered = text.strip().lower()
        return {"true": True, "false": False}.get(lowered, text)
    if isinstance(field, Integer):
        return int(text) if text.strip().isdigit() else text
    return text


def read_csv_records(path, raw):
    """Yield (line number, record) for each row of a CSV file."""
    reader = csv.reader(text_stream(path, raw), strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise ContentError("is empty", path=path)
        check_header(path, header)
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                raise ContentError(
                    f"has {len(row)} cells but the header has {len(header)} columns", path=path, index=line, unit="line"
                )
            yield line, row_record(path, line, dict(zip(header, row, strict=True)))
    except UnicodeDecodeError as error:
        raise ContentError(f"is not valid UTF-8 after line {reader.line_num} ({error.reason})", path=path) from None
    except csv.Error as error:
        raise ContentError(f"is not valid CSV ({error})", path=path, index=reader.line_num, unit="line") from None


def check_header(path, header):
    known = known_columns()
    for column in header:
        if column not in known:
            raise ContentError(f'unknown column "{column}" in the header', path=path, index=1, unit="line")
    for required in ("model", "key"):
        if required not in header:
            raise ContentError(f'the header has no "{required}" column', path=path, index=1, unit="line")
    repeated = {column for column in header if header.count(column) > 1}
    if repeated:
        raise ContentError(
            f'the column "{sorted(repeated)[0]}" appears twice in the header', path=path, index=1, unit="line"
        )


def row_record(path, line, cells):
    label = cells.pop("model")
    if label not in CSV_MODELS:
        raise ContentError(
            f'"{label}" cannot be imported from CSV (expected one of {", ".join(CSV_MODELS)})',
            path=path,
            index=line,
            unit="line",
            key=cells.get("key") or None,
            field="model",
        )
    spec = spec_for(label)
    record = {"model": label, "key": cells.pop("key")}
    own = set(csv_columns(spec))
    for column, text in cells.items():
        if column not in own:
            if text.strip():
                raise ContentError(
                    f"is not a field of {label}", path=path, index=line, unit="line", key=record["key"], field=column
                )
            continue
        name, _sep, code = column.rpartition("_")
        field = spec.by_name.get(name) if code in LANGUAGE_CODES else None
        if isinstance(field, Translated):
            record.setdefault(name, {})[code] = text or None
            continue
        field = spec.by_name[column]
        value = cell_value(field, text)
        if value is not None or not isinstance(field, Boolean | Integer):
            record[column] = value
    return record


def neutralised(value):
    """A cell a spreadsheet will not run as a formula: a leading = + - @ gets an apostrophe."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_csv(out, label, records):
    """One model's records as CSV, every cell safe to open in a spreadsheet."""
    spec = spec_for(label)
    columns = csv_columns(spec)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        cells = []
        for column in columns:
            name, _sep, code = column.rpartition("_")
            if code in LANGUAGE_CODES and isinstance(spec.by_name.get(name), Translated):
                value = (record.get(name) or {}).get(code)
            else:
                value = record.get(column)
            if isinstance(value, list):
                value = " ".join(value)
            elif isinstance(value, bool):
                value = "true" if value else "false"
            cells.append(neutralised(value))
        writer.writerow(cells)
