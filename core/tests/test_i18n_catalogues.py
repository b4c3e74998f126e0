"""The Czech and Ukrainian catalogues are complete: no empty, fuzzy or mismatched entry."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings

# The project's catalogue (written by makemessages), and the libraries' strings that their own
# catalogues lack (library_locale/, written by hand).
PROJECT_CATALOGUES = {
    f"locale/{code}/django": Path(settings.BASE_DIR, "locale", code, "LC_MESSAGES", "django.po")
    for code in ("cs", "uk")
}
CATALOGUES = {
    **PROJECT_CATALOGUES,
    **{
        f"library_locale/{code}/{domain}": Path(
            settings.BASE_DIR, "library_locale", code, "LC_MESSAGES", f"{domain}.po"
        )
        for domain in ("django", "djangojs")
        for code in ("cs", "uk")
    },
}
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w+\}")


def read_entries(path):
    """Each entry of a .po file as {'flags': [...], 'msgid': ..., 'msgstr[0]': ..., 'line': n}."""
    entries, entry, keyword = [], None, None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines() + [""], start=1):
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry = None
            continue
        entry = entry or {"flags": [], "line": number}
        if line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#~"):
            raise AssertionError(f"{path}:{number}: obsolete entry left in the catalogue")
        elif line.startswith("#"):
            continue
        elif match := KEYWORD.match(line):
            keyword = match.group(1)
            entry[keyword] = ast.literal_eval(match.group(2))
        elif line.startswith('"'):
            entry[keyword] += ast.literal_eval(line)
        else:
            raise AssertionError(f"{path}:{number}: cannot read {line!r}")
    return entries


def translations(entry):
    return [value for key, value in entry.items() if key.startswith("msgstr")]


@pytest.mark.parametrize("code", CATALOGUES)
def test_the_catalogue_declares_three_plural_forms(code):
    header = next(entry for entry in read_entries(CATALOGUES[code]) if entry["msgid"] == "")
    assert "Plural-Forms: nplurals=3;" in header["msgstr"]
    assert f"Language: {code.split('/')[1]}\n" in header["msgstr"]


@pytest.mark.parametrize("code", CATALOGUES)
def test_every_entry_is_translated_and_none_is_fuzzy(code):
    problems = []
    for entry in read_entries(CATALOGUES[code])[1:]:
        where = f"{CATALOGUES[code].name}:{entry['line']} {entry['msgid']!r}"
        if "fuzzy" in entry["flags"]:
            problems.append(f"{where} is fuzzy")
        if not all(translations(entry)):
            problems.append(f"{where} has an empty translation")
        if "msgid_plural" in entry and len(translations(entry)) != 3:
            problems.append(f"{where} needs 3 plural forms")
    assert problems == []


@pytest.mark.parametrize("code", CATALOGUES)
def test_translations_keep_the_placeholders_of_their_source(code):
    problems = []
    for entry in read_entries(CATALOGUES[code])[1:]:
        expected = sorted(set(PLACEHOLDER.findall(entry["msgid"] + entry.get("msgid_plural", ""))))
        for translation in translations(entry):
            if sorted(set(PLACEHOLDER.findall(translation))) != expected:
                problems.append(f"{entry['msgid']!r} -> {translation!r}")
    assert problems == []


def test_the_reader_notices_an_empty_or_fuzzy_entry(tmp_path):
    path = tmp_path / "django.po"
    path.write_text(
        'msgid ""\nmsgstr "x"\n\n#, fuzzy\nmsgid "News"\nmsgstr ""\n"Aktuality"\n\nmsgid "Home"\nmsgstr ""\n',
        encoding="utf-8",
    )
    _header, news, home = read_entries(path)
    assert (news["flags"], news["msgstr"], home["msgstr"]) == (["fuzzy"], "Aktuality", "")
