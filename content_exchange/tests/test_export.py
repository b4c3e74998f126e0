"""export_content: CSV for spreadsheets, formula injection neutralised, and --since."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from news.models import NewsItem

from .test_import import SAMPLE, _Out, content_file, import_content


def export(*args):
    out = _Out()
    call_command("export_content", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_news_export_as_csv_has_a_column_per_language_and_imports_back_unchanged(tmp_path):
    import_content(content_file(tmp_path, SAMPLE))
    text = export("--format", "csv", "--model", "news.newsitem")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["key"], row["title_cs"], row["title_uk"], row["programmes"]) for row in rows] == [
        ("anniversary-25", "25 let v Česku", "25 років у Чехії", "avrr")
    ]
    (tmp_path / "news.csv").write_text(text, encoding="utf-8")
    assert import_content(tmp_path / "news.csv").splitlines()[-1] == (
        "1 records: 0 were created, 0 were updated, 1 unchanged."
    )


@pytest.mark.django_db
@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(tmp_path, start):
    news = {**SAMPLE[-1], "programmes": [], "projects": [], "title": {"en": f'{start}HYPERLINK("x")'}}
    news["lead"] = {"en": "Lead"}
    import_content(content_file(tmp_path, [news]))
    row = next(csv.DictReader(io.StringIO(export("--format", "csv", "--model", "news.newsitem"))))
    assert row["title_en"] == f'\'{start}HYPERLINK("x")'
    assert row["lead_en"] == "Lead"


@pytest.mark.django_db
def test_since_exports_only_what_changed_on_or_after_that_moment(tmp_path):
    import_content(content_file(tmp_path, SAMPLE))
    NewsItem.objects.update(updated=timezone.now() - datetime.timedelta(days=10))
    recent = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    text = export("--since", recent)
    assert '"key": "anniversary-25"' not in text
    assert '"key": "avrr"' in text
    old = (timezone.localdate() - datetime.timedelta(days=11)).isoformat()
    assert '"key": "anniversary-25"' in export("--since", old)


@pytest.mark.django_db
def test_export_options_that_do_not_fit_are_refused_clearly():
    with pytest.raises(CommandError, match="--format csv needs --model"):
        export("--format", "csv")
    with pytest.raises(CommandError, match='--since: "last week" is not a date'):
        export("--since", "last week")


@pytest.mark.django_db
def test_export_to_a_file_writes_the_same_as_to_standard_output(tmp_path):
    import_content(content_file(tmp_path, SAMPLE))
    export("--output", str(tmp_path / "site.json"))
    assert (tmp_path / "site.json").read_text(encoding="utf-8") == export()
