"""Reading content files as a stream: bytes are checked as they arrive, records built one by one."""

import codecs
import re

import ijson

from .errors import ContentError

FORMAT_NAME = "iomcz-content"
FORMAT_VERSION = 1
MAX_DEPTH = 16


class CheckedStream:
    """A binary file wrapper that refuses text which is not UTF-8, or holds NUL bytes, while reading."""

    def __init__(self, raw):
        self.raw = raw
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.position = 0
        self.started = False

    def read(self, size=-1):
        data = self.raw.read(size)
        if not self.started and data:
            self.started = True
            if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise ContentError("is encoded as UTF-16; save it as UTF-8")
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8) :]
                self.position = len(codecs.BOM_UTF8)
        try:
            self.decoder.decode(data, final=not data)
        except UnicodeDecodeError as error:
            raise ContentError(
                f"is not valid UTF-8 (byte {self.position + error.start + 1}); save it as UTF-8"
            ) from None
        nul = data.find(b"\x00")
        if nul >= 0:
            raise ContentError(f"contains a NUL byte (byte {self.position + nul + 1}); is it a binary or UTF-16 file?")
        self.position += len(data)
        return data


def json_problem(error):
    """The useful part of the JSON parser's message, on one line."""
    text = str(error)
    if "premature EOF" in text:
        return "the JSON ends too early (is the file truncated?)"
    if "trailing garbage" in text:
        return "there is more text after the end of the JSON document"
    match = re.search(r"(?:lexical|parse) error: ([^\n\\]+)", text)
    return f"is not valid JSON ({match.group(1).strip().rstrip('.') if match else text.splitlines()[0]})"


def build_value(event, value, events):
    """One JSON value from parser events, refusing repeated member names and deep nesting."""
    if event not in ("start_map", "start_array"):
        return value
    root = {} if event == "start_map" else []
    stack = [root]
    names = [None]
    for event, value in events:
        top = stack[-1]
        if event == "map_key":
            if value in top:
                raise ContentError(f'the member "{value}" appears twice in one object')
            names[-1] = value
            continue
        if event in ("end_map", "end_array"):
            stack.pop()
            names.pop()
            if not stack:
                return root
            continue
        if event in ("start_map", "start_array"):
            child = {} if event == "start_map" else []
            if len(stack) >= MAX_DEPTH:
                raise ContentError(f"is nested more than {MAX_DEPTH} levels deep")
        else:
            child = value
        if isinstance(top, dict):
            top[names[-1]] = child
        else:
            top.append(child)
        if event in ("start_map", "start_array"):
            stack.append(child)
            names.append(None)
    raise ContentError("the JSON ends too early (is the file truncated?)")


def read_json_records(path, raw):
    """Yield (index, record) for each record of a content file, 1-based, checking its envelope."""
    index = 0
    current = None
    header = {}
    try:
        events = ijson.basic_parse(CheckedStream(raw), use_float=False)
        event, _value = next(events, (None, None))
        if event is None:
            raise ContentError("is empty")
        if event != "start_map":
            raise ContentError(f'expected a JSON object {{"format": "{FORMAT_NAME}", "version": 1, "records": [...]}}')
        for event, value in events:
            if event == "end_map":
                break
            name = value
            event, value = next(events)
            if name == "records":
                if event != "start_array":
                    raise ContentError('"records" must be a list', field="records")
                for event, value in events:
                    if event == "end_array":
                        break
                    index += 1
                    current = index
                    try:
                        record = build_value(event, value, events)
                    except ContentError as error:
                        raise error.located(index=index) from None
                    yield index, record
                    current = None
            elif name in ("format", "version"):
                header[name] = build_value(event, value, events)
            else:
                raise ContentError(f'unknown top-level member "{name}" (expected format, version, records)')
        for _extra in events:
            raise ContentError("there is more text after the end of the JSON document")
    except ijson.JSONError as error:
        raise ContentError(json_problem(error), path=path, index=current) from None
    except ContentError as error:
        raise error.located(path=path) from None
    if header.get("format") != FORMAT_NAME:
        raise ContentError(f'is not a content file: "format" must be "{FORMAT_NAME}"', path=path, field="format")
    if header.get("version") != FORMAT_VERSION:
        raise ContentError(f'"version" must be {FORMAT_VERSION}', path=path, field="version")
