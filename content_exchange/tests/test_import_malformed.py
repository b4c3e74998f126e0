# ruff: noqa: E501 (the expected messages are single long lines on purpose)
"""import_content refuses bad input with one line naming file, record and field, and writes nothing."""

from pathlib import Path

import pytest
from django.core.management import CommandError

from .test_import import SAMPLE, content_file, database_state, import_content

MALFORMED = Path(__file__).resolve().parent / "malformed"


@pytest.fixture
def existing_content(tmp_path):
    """The sample content already in the database, so that "unchanged" is a real claim."""
    import_content(content_file(tmp_path, SAMPLE, name="existing.json"))
    return database_state()


def assert_refused(paths, expected, before, **options):
    with pytest.raises(CommandError) as error:
        import_content(*paths, **options)
    assert str(error.value) == expected
    assert "\n" not in str(error.value)
    assert database_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("bad-as-of-date.json", 'record 1 (key "k"): field "as_of": "19.12.2023" is not a date of the form YYYY-MM-DD'),
        (
            "bad-choice.json",
            'record 1 (key "bad-news"): field "kind": "blog" is not one of "news", "press_release", "story"',
        ),
        (
            "bad-decimal.json",
            'record 1 (key "k"): field "value": "7,6" is not a decimal number with at most 2 decimal places such as "7.6"',
        ),
        ("bad-email.json", 'record 1 (key "bad-news"): field "media_contact_email": Enter a valid email address.'),
        (
            "bad-key.json",
            'record 1 (key "Bad Key"): field "key": "Bad Key" is not a key: use lower-case ASCII letters, digits and single hyphens (at most 100)',
        ),
        (
            "bad-partial-date.json",
            'record 1 (key "m"): field "date": "2022-13" is not a valid date (month must be in 1..12)',
        ),
        (
            "bad-slug.json",
            'record 1 (key "bad-news"): field "slug.en": Enter a valid “slug” consisting of letters, numbers, underscores or hyphens.',
        ),
        ("binary.json", "is not valid UTF-8 (byte 1); save it as UTF-8"),
        ("bom-then-garbage.json", "is not valid JSON (invalid string in json text)"),
        ("bool-as-string.json", 'record 1 (key "m"): field "highlight": expected true or false, got a string'),
        (
            "datetime-without-offset.json",
            'record 1 (key "bad-news"): field "published_at": "2023-12-19T10:00:00" has no UTC offset; write it as e.g. "2023-12-19T10:00:00+01:00"',
        ),
        (
            "decimal-as-float.json",
            'record 1 (key "k"): field "value": expected a number written as a string such as "7.6", got a number',
        ),
        ("deeply-nested.json", "record 1: is nested more than 16 levels deep"),
        (
            "duplicate-key-in-file.json",
            'record 3 (key "bad-news"): field "key": duplicate key: record 1 of <file> has the same key',
        ),
        ("duplicate-member.json", 'record 1: the member "key" appears twice in one object'),
        (
            "duplicate-slug-in-language.json",
            'record 2 (key "other-news"): field "slug.cs": the slug "stejne" is already used by record 1 of <file>',
        ),
        (
            "empty-translations.json",
            'record 1 (key "bad-news"): Fill in title, slug, lead in at least one language.',
        ),
        ("empty.json", "is empty"),
        (
            "incomplete-language.json",
            'record 1 (key "bad-news"): field "lead.cs": Required for Czech, because other Czech fields are filled in.',
        ),
        ("invalid-json.json", "record 2: is not valid JSON (invalid char in json text)"),
        ("missing-envelope.json", 'field "format": is not a content file: "format" must be "iomcz-content"'),
        ("missing-key.json", 'record 1: field "key": missing: every record needs a key'),
        ("missing-model.json", 'record 1 (key "x"): field "model": missing (e.g. "news.newsitem")'),
        ("missing-required-date.json", 'record 1 (key "m"): field "date": This field cannot be null.'),
        ("negative-order.json", 'record 1 (key "d"): field "order": expected a whole number of 0 or more, got -1'),
        (
            "no-complete-language.json",
            'record 1 (key "bad-news"): field "lead.en": Required for English, because other English fields are filled in.',
        ),
        ("nul-byte.json", "contains a NUL byte (byte 344); is it a binary or UTF-16 file?"),
        ("nul-escape.json", 'record 1 (key "bad-news"): field "lead.en": contains a NUL character'),
        (
            "partial-date-out-of-range.json",
            'record 1 (key "m"): field "date": "2023-02-30" is not a valid date (day is out of range for month)',
        ),
        (
            "project-without-programme.json",
            'record 1 (key "p"): field "programme": missing: a programmes.project needs a programmes.programme',
        ),
        ("record-not-object.json", "record 2: expected an object, got a list"),
        ("records-not-list.json", 'field "records": "records" must be a list'),
        (
            "references-not-list.json",
            'record 1 (key "bad-news"): field "programmes": expected a list of keys, got a string',
        ),
        ("result-without-value.json", 'record 1 (key "p"): field "results.1.value": a result needs a value'),
        (
            "slug-taken-in-database.json",
            'record 1 (key "bad-news"): field "slug.en": the slug "25-years-in-czechia" is already used by the news.newsitem "anniversary-25" in the database',
        ),
        (
            "slugs-differ-only-by-normalisation.json",
            'record 2 (key "m2"): field "slug.en": the slug "cafe-talks" is already used by record 1 of <file>',
        ),
        ("text-as-number.json", 'record 1 (key "bad-news"): field "title.cs": expected a string, got a number'),
        (
            "title-too-long.json",
            'record 1 (key "bad-news"): field "title.en": Ensure this value has at most 200 characters (it has 201).',
        ),
        ("top-level-list.json", 'expected a JSON object {"format": "iomcz-content", "version": 1, "records": [...]}'),
        ("trailing-text.json", "there is more text after the end of the JSON document"),
        (
            "translated-not-object.json",
            'record 1 (key "bad-news"): field "title": expected an object with one text per language (en, cs, uk), got a string',
        ),
        ("truncated.json", "record 2: the JSON ends too early (is the file truncated?)"),
        (
            "unknown-field.json",
            'record 1 (key "bad-news"): field "headline": unknown field for news.newsitem (known: title, slug, lead, body, kind, scope, status, published_at, image_alt, image_caption, image_credit, media_contact_name, media_contact_email, programmes, projects, created, updated)',
        ),
        (
            "unknown-language.json",
            'record 1 (key "bad-news"): field "title.de": unknown language "de" (expected en, cs, uk)',
        ),
        (
            "unknown-model.json",
            'record 1 (key "bad-news"): field "model": unknown model "news.article" (expected one of programmes.organisation, programmes.programme, programmes.project, history.director, history.milestone, history.keyfigure, news.newsitem)',
        ),
        (
            "unknown-reference.json",
            'record 1 (key "bad-news"): field "programmes": no programmes.programme with key "no-such-programme" in this import or the database',
        ),
        ("unknown-top-level-member.json", 'unknown top-level member "items" (expected format, version, records)'),
        ("utf-16.json", "is encoded as UTF-16; save it as UTF-8"),
        ("whitespace-only.json", "the JSON ends too early (is the file truncated?)"),
        ("windows-1250.json", "is not valid UTF-8 (byte 300); save it as UTF-8"),
        ("wrong-format-name.json", 'field "format": is not a content file: "format" must be "iomcz-content"'),
        ("wrong-version.json", 'field "version": "version" must be 1'),
        ("year-zero.json", 'record 1 (key "d"): field "started": "0000" is not a valid date (year 0 is out of range)'),
        ("csv-bad-boolean.csv", 'line 2 (key "m"): field "highlight": expected true or false, got a string'),
        ("csv-bad-integer.csv", 'line 2 (key "k"): field "order": expected a whole number of 0 or more, got a string'),
        ("csv-empty.csv", "is empty"),
        (
            "csv-field-of-another-model.csv",
            'line 2 (key "partner"): field "title_en": is not a field of programmes.organisation',
        ),
        (
            "csv-header-only-bad-date.csv",
            'line 2 (key "k"): field "as_of": "2023-13-01" is not a date of the form YYYY-MM-DD',
        ),
        ("csv-invalid-utf8-late.csv", "is not valid UTF-8 after line 2851 (invalid start byte)"),
        (
            "csv-model-not-in-csv.csv",
            'line 2 (key "one"): field "model": "programmes.project" cannot be imported from CSV (expected one of news.newsitem, history.milestone, history.keyfigure, programmes.organisation)',
        ),
        ("csv-no-key-column.csv", 'line 1: the header has no "key" column'),
        ("csv-nul-bytes.csv", "contains NUL bytes: it is a binary or UTF-16 file, not a UTF-8 CSV"),
        ("csv-ragged-row.csv", "line 3: has 4 cells but the header has 5 columns"),
        ("csv-repeated-column.csv", 'line 1: the column "title_en" appears twice in the header'),
        ("csv-unknown-column.csv", 'line 1: unknown column "titel_en" in the header'),
        ("csv-unterminated-quote.csv", "line 2: is not valid CSV (unexpected end of data)"),
        ("csv-windows-1250.csv", "is not UTF-8 (it looks like cp1250); save it as UTF-8 and import it again"),
        ("feed-entity-bomb.rss", "declares a DTD or entities, which are refused in imported feeds"),
        ("feed-entry-without-date.rss", 'entry 1 (key "undated"): field "published_at": This field cannot be null.'),
        ("feed-entry-without-link.rss", "entry 1: has no link or id to make a key from"),
        ("feed-not-a-feed.xml", "is not an RSS 2.0 or Atom feed"),
        ("feed-truncated.rss", "is not well-formed XML (no element found at line 1, column 89)"),
        ("feed-unknown-language.rss", 'the feed\'s language "de" is not one of en, cs, uk: give --language'),
    ],
)
def test_a_malformed_file_is_refused_with_a_message_naming_where(name, problem, existing_content):
    path = MALFORMED / name
    assert_refused([path], f"{path}: {problem}".replace("<file>", str(path)), existing_content)


@pytest.mark.django_db
def test_the_same_key_in_two_files_of_one_import_is_refused(tmp_path, existing_content):
    content_file(tmp_path, [SAMPLE[0]], name="1.json")
    content_file(tmp_path, [{**SAMPLE[0], "kind": "ngo"}], name="2.json")
    expected = f'{tmp_path / "2.json"}: record 1 (key "amif"): field "key": duplicate key: record 1 of {tmp_path / "1.json"} has the same key'
    assert_refused([tmp_path], expected, existing_content)


@pytest.mark.django_db
def test_an_empty_folder_is_refused(tmp_path, existing_content):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert_refused([empty], f"{empty}: the folder holds no .json, .csv, .xml, .rss, .atom files", existing_content)


@pytest.mark.django_db
def test_a_path_that_does_not_exist_is_refused(tmp_path, existing_content):
    assert_refused([tmp_path / "nowhere.json"], f"{tmp_path / 'nowhere.json'}: does not exist", existing_content)


@pytest.mark.django_db
def test_a_file_of_another_kind_is_refused(tmp_path, existing_content):
    path = tmp_path / "notes.txt"
    path.write_text("hello", encoding="utf-8")
    assert_refused(
        [path],
        f"{path}: is not a content file (expected a name ending in .json, .csv, .xml, .rss, .atom)",
        existing_content,
    )


@pytest.mark.django_db
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, existing_content):
    path = tmp_path / "huge.json"
    with path.open("wb") as huge:
        huge.truncate(3 * 1024 * 1024)
    expected = f"{path}: is 3,145,728 bytes, over the limit of 2,097,152 bytes"
    assert_refused([path], expected, existing_content, max_size=2)


@pytest.mark.django_db
def test_an_error_in_a_later_file_leaves_the_earlier_files_unwritten(tmp_path, existing_content):
    content_file(tmp_path, [{**SAMPLE[0], "key": "new-partner"}], name="1.json")
    content_file(tmp_path, [{**SAMPLE[-1], "key": "late", "status": "live"}], name="2.json")
    expected = (
        f'{tmp_path / "2.json"}: record 1 (key "late"): field "status": "live" is not one of "draft", "published"'
    )
    assert_refused([tmp_path], expected, existing_content)
