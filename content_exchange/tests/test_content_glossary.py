"""The texts in data/ use none of the forms that docs/content-style.md lists as wrong.

The style guide's "Wrong forms" table is the only list: this module reads it, so adding a row
there is all it takes to keep a form out of the shipped content.
"""

import html
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
STYLE_GUIDE = ROOT / "docs" / "content-style.md"
WRONG_FORMS_HEADING = "## Wrong forms"
APOSTROPHES = str.maketrans({"'": "’", "ʼ": "’"})


def languages():
    return [code for code, _name in settings.LANGUAGES]


def readable(text):
    """The text as a reader sees it: no tags, entities decoded, one kind of apostrophe and space."""
    text = html.unescape(re.sub(r"<[^>]*>", " ", text)).translate(APOSTROPHES)
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class WrongForm:
    language: str
    form: str
    use_instead: str

    @cached_property
    def pattern(self):
        """Whole words, any case; `*` stands for the rest of a word (its case ending)."""
        words = r"\w*".join(re.escape(part) for part in readable(self.form).split("*"))
        return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)

    def applies_to(self, language):
        return self.language in ("any", language)


def wrong_forms(style_guide):
    """The rows of the style guide's "Wrong forms" table."""
    _before, found, section = style_guide.partition(f"\n{WRONG_FORMS_HEADING}\n")
    assert found, f"{STYLE_GUIDE.name} has no {WRONG_FORMS_HEADING!r} section"
    section = re.split(r"^#{1,2} ", section, flags=re.MULTILINE)[0]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    forms = []
    for row in rows:
        language, form, use_instead, _why = (cell.strip() for cell in row.strip().strip("|").split("|"))
        assert form.startswith("`") and form.endswith("`"), (
            f"{STYLE_GUIDE.name}: the wrong form in {row!r} is not `quoted`"
        )
        forms.append(WrongForm(language, form.strip("`"), use_instead))
    return forms


WRONG_FORMS = wrong_forms(STYLE_GUIDE.read_text(encoding="utf-8"))


def translated_texts(value, path=""):
    """(field path, language, text) for every translated text in a record, results included."""
    if isinstance(value, dict) and value and set(value) <= set(languages()):
        for language, text in value.items():
            if isinstance(text, str):
                yield path, language, text
    elif isinstance(value, dict):
        for name, inner in value.items():
            yield from translated_texts(inner, f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for position, inner in enumerate(value):
            yield from translated_texts(inner, f"{path}[{position}]")


def wrong_forms_in(file_name, records, forms=WRONG_FORMS):
    """One line per wrong form found, naming the file, record, key, field and language."""
    findings = []
    for number, record in enumerate(records, start=1):
        for path, language, text in translated_texts(record):
            seen = readable(text)
            for wrong in forms:
                if wrong.applies_to(language) and (match := wrong.pattern.search(seen)):
                    findings.append(
                        f'{file_name}: record {number} (key "{record.get("key")}"): field "{path}.{language}": '
                        f'"{match.group()}" is a wrong form (`{wrong.form}`); use {wrong.use_instead}'
                    )
    return findings


def test_the_style_guide_lists_wrong_forms_for_languages_the_site_has():
    assert WRONG_FORMS
    for wrong in WRONG_FORMS:
        assert wrong.language in [*languages(), "any"], wrong
        assert wrong.form.strip() and wrong.form == wrong.form.strip(), wrong
        assert wrong.use_instead, wrong


def test_no_shipped_text_uses_a_form_the_style_guide_lists_as_wrong():
    files = sorted(DATA.glob("*.json"))
    assert files
    findings = [
        finding
        for path in files
        for finding in wrong_forms_in(f"data/{path.name}", json.loads(path.read_text(encoding="utf-8"))["records"])
    ]
    assert not findings, "\n".join(findings)


@pytest.mark.parametrize("wrong", WRONG_FORMS, ids=lambda wrong: f"{wrong.language}:{wrong.form}")
def test_every_wrong_form_in_the_style_guide_is_found_when_planted_in_a_record(wrong):
    language = languages()[0] if wrong.language == "any" else wrong.language
    planted = {
        "model": "news.newsitem",
        "key": "planted",
        "body": {language: f"<p>Text {wrong.form.replace('*', '')}.</p>"},
    }
    findings = wrong_forms_in("planted.json", [planted])
    assert len(findings) == 1
    assert f'(key "planted"): field "body.{language}"' in findings[0]


def test_a_planted_wrong_form_is_reported_with_its_file_record_key_field_and_language():
    records = [
        {
            "model": "programmes.organisation",
            "key": "foreign-police",
            "name": {"uk": "Служба поліції у справах іноземців"},
        },
        {
            "model": "programmes.project",
            "key": "border-control-training",
            "summary": {"en": "Training before Schengen.", "uk": "Навчання до Шенгену."},
            "results": [{"label": {"en": "Trainers", "uk": "Інструктори Служби іноземної поліції"}, "value": "1"}],
        },
    ]
    assert wrong_forms_in("planted.json", records) == [
        'planted.json: record 2 (key "border-control-training"): field "results[0].label.uk": '
        '"іноземної поліції" is a wrong form (`іноземн* поліці*`); '
        "use поліція у справах іноземців; Служба поліції у справах іноземців"
    ]


def test_a_wrong_form_is_found_through_markup_entities_case_and_apostrophes():
    record = {
        "key": "planted",
        "body": {"uk": "<p><strong>Іноземна</strong>&nbsp;поліція. Міграція — ключ до розв'язання проблем.</p>"},
    }
    found = [finding.split(": ", 3)[3] for finding in wrong_forms_in("planted.json", [record])]
    assert found == [
        '"Іноземна поліція" is a wrong form (`іноземн* поліці*`); '
        "use поліція у справах іноземців; Служба поліції у справах іноземців",
        '"ключ до розв’язання" is a wrong form (`ключ* до розв’язання`); use ключ до пом’якшення',
    ]


def test_a_form_is_only_wrong_in_the_language_the_style_guide_names_and_as_a_whole_word():
    record = {
        "key": "right-forms",
        "short_name": {"cs": "SUZ", "uk": "УЗБ"},
        "body": {
            "cs": "<p>Reakce na válku na Ukrajině; Správa uprchlických zařízení (SUZ).</p>",
            "uk": "<p>Служба поліції у справах іноземців і автомобілі Suzuki.</p>",
        },
    }
    assert wrong_forms_in("right.json", [record]) == []
