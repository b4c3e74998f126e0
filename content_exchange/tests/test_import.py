"""import_content: round trip, idempotency, atomicity, dry runs and the shipped content."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from content_exchange.progress import ProgressBar
from content_exchange.schema import specs
from core.i18n import LANGUAGE_CODES
from core.models import TranslatedContent
from core.translation_sources import record_row_sources
from history.models import Director, KeyFigure, Milestone
from news.models import NewsItem
from programmes.models import Organisation, Programme, Project

DATA = Path(__file__).resolve().parents[2] / "data"

SAMPLE = [
    {
        "model": "programmes.organisation",
        "key": "amif",
        "name": {"en": "Asylum, Migration and Integration Fund", "cs": "Azylový, migrační a integrační fond"},
        "short_name": {"en": "AMIF", "cs": "AMIF"},
        "kind": "eu_fund",
    },
    {
        "model": "programmes.organisation",
        "key": "ministry-of-interior",
        "name": {"en": "Ministry of the Interior", "uk": "Міністерство внутрішніх справ"},
        "kind": "ministry",
        "country": "CZ",
    },
    {
        "model": "programmes.programme",
        "key": "avrr",
        "title": {"en": "Voluntary return", "cs": "Dobrovolné návraty", "uk": "Добровільне повернення"},
        "summary": {"en": "Going home safely.", "cs": "Bezpečně domů.", "uk": "Безпечно додому."},
        "body": {"en": "<p>Since <strong>2000</strong>.</p>"},
        "started": "2000",
        "order": 1,
        "status": "published",
        "published_at": "2023-12-19T10:00:00+01:00",
    },
    {
        "model": "programmes.project",
        "key": "avrr-amif-2018",
        "programme": "avrr",
        "title": {"en": "Return and reintegration 2018–2022", "cs": "Návraty a reintegrace 2018–2022"},
        "summary": {"en": "More than 800 returns.", "cs": "Více než 800 návratů."},
        "started": "2018",
        "ended": "2022",
        "budget": "1250000.5",
        "currency": "EUR",
        "funders": ["amif", "ministry-of-interior"],
        "results": [
            {"label": {"en": "returns", "cs": "návraty"}, "value": "800", "qualifier": "more_than"},
            {"label": {"en": "reintegrations"}, "value": "400", "qualifier": "almost"},
        ],
        "status": "published",
        "published_at": "2023-12-19T10:00:00+01:00",
    },
    {
        "model": "history.director",
        "key": "first-director",
        "name": "A. Director",
        "role": {"en": "Chief of Mission", "cs": "Vedoucí mise"},
        "ended": "2000",
    },
    {
        "model": "history.milestone",
        "key": "office-opens",
        "date": "1998-03",
        "title": {"en": "The office opens", "uk": "Відкриття офісу"},
        "theme": "institution",
        "programme": "avrr",
        "highlight": True,
        "status": "published",
        "published_at": "2023-12-19T10:00:00+01:00",
    },
    {
        "model": "history.keyfigure",
        "key": "assisted-returns",
        "label": {"en": "assisted returns", "cs": "asistovaných návratů"},
        "value": "7500",
        "qualifier": "more_than",
        "as_of": "2023-12-19",
        "source": {"en": "Press release", "cs": "Tisková zpráva"},
    },
    {
        "model": "news.newsitem",
        "key": "anniversary-25",
        "title": {"en": "25 years in Czechia", "cs": "25 let v Česku", "uk": "25 років у Чехії"},
        "lead": {"en": "A quarter century.", "cs": "Čtvrt století.", "uk": "Чверть століття."},
        "body": {"en": "<p>Thanks <script>x()</script>to all.</p>"},
        "kind": "press_release",
        "published_at": "2023-12-19T10:00:00+01:00",
        "status": "published",
        "media_contact_name": "Press Office",
        "media_contact_email": "press@example.org",
        "programmes": ["avrr"],
        "projects": ["avrr-amif-2018"],
    },
]


def content_file(folder, records, name="content.json"):
    path = folder / name
    path.write_text(
        json.dumps({"format": "iomcz-content", "version": 1, "records": records}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


def import_content(*paths, **options):
    """Run the command and return what it printed."""
    out = _Out()
    call_command("import_content", *map(str, paths), stdout=out, **options)
    return out.getvalue()


def export_content():
    out = _Out()
    call_command("export_content", stdout=out)
    return out.getvalue()


class _Out:
    """A text sink for call_command that is not a terminal."""

    def __init__(self):
        self.parts = []

    def write(self, text):
        self.parts.append(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    def getvalue(self):
        return "".join(self.parts)


def database_state():
    """Every row of every content table, timestamps included: equal states mean nothing was written."""
    models = [spec.model for spec in specs()]
    models += [Project.results.rel.related_model]
    models += [m2m.remote_field.through for model in models for m2m in model._meta.local_many_to_many]
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}


def empty_database():
    for model in (NewsItem, KeyFigure, Milestone, Director, Project, Programme, Organisation):
        model.objects.all().delete()


@pytest.mark.django_db
def test_import_creates_every_model_with_each_language_in_its_own_column(tmp_path):
    output = import_content(content_file(tmp_path, SAMPLE))
    project = Project.objects.get(key="avrr-amif-2018")
    news = NewsItem.objects.get(key="anniversary-25")
    assert (project.title_en, project.title_cs, project.title_uk) == (
        "Return and reintegration 2018–2022",
        "Návraty a reintegrace 2018–2022",
        None,
    )
    assert project.slug_cs == "navraty-a-reintegrace-2018-2022"
    assert project.programme.key == "avrr"
    assert sorted(project.funders.values_list("key", flat=True)) == ["amif", "ministry-of-interior"]
    assert [(r.label_en, str(r.value), r.qualifier) for r in project.results.all()] == [
        ("returns", "800.00", "more_than"),
        ("reintegrations", "400.00", "almost"),
    ]
    assert news.body_en == "<p>Thanks to all.</p>"
    assert news.available_languages() == ["en", "cs", "uk"]
    assert Milestone.objects.get().when.isoformat() == "1998-03"
    assert "news.newsitem: 1 created, 0 updated, 0 unchanged" in output
    assert output.splitlines()[-1] == "8 records: 8 were created, 0 were updated, 0 unchanged."


@pytest.mark.django_db
def test_a_second_import_of_the_same_files_changes_nothing_not_even_timestamps(tmp_path):
    path = content_file(tmp_path, SAMPLE)
    import_content(path)
    before = database_state()
    output = import_content(path)
    assert database_state() == before
    assert output.splitlines()[-1] == "8 records: 0 were created, 0 were updated, 8 unchanged."


@pytest.mark.django_db
def test_a_changed_record_is_updated_and_only_that_one(tmp_path):
    import_content(content_file(tmp_path, SAMPLE))
    before = {item.key: item.updated for item in Organisation.objects.all()}
    changed = json.loads(json.dumps(SAMPLE))
    changed[0]["name"]["uk"] = "Фонд притулку, міграції та інтеграції"
    changed[3]["results"] = changed[3]["results"][:1]
    output = import_content(content_file(tmp_path, changed))
    amif = Organisation.objects.get(key="amif")
    assert amif.name_uk == "Фонд притулку, міграції та інтеграції"
    assert amif.updated > before["amif"]
    assert Organisation.objects.get(key="ministry-of-interior").updated == before["ministry-of-interior"]
    assert Project.objects.get().results.count() == 1
    assert "programmes.organisation: 0 created, 1 updated, 1 unchanged" in output
    assert "programmes.project: 0 created, 1 updated, 0 unchanged" in output


@pytest.mark.django_db
def test_references_may_point_to_records_in_another_file_or_already_in_the_database(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    content_file(first, SAMPLE[3:], name="1-projects.json")
    content_file(first, SAMPLE[:3], name="2-programmes.json")
    import_content(first)
    news = {**SAMPLE[-1], "key": "later-news", "title": {"en": "Later"}, "lead": {"en": "Lead"}}
    import_content(content_file(second, [news]))
    assert list(NewsItem.objects.get(key="later-news").projects.values_list("key", flat=True)) == ["avrr-amif-2018"]


@pytest.mark.django_db
def test_export_then_import_into_an_empty_database_gives_the_same_export(tmp_path):
    import_content(content_file(tmp_path, SAMPLE))
    exported = export_content()
    (tmp_path / "export.json").write_text(exported, encoding="utf-8")
    empty_database()
    assert NewsItem.objects.count() == 0
    import_content(tmp_path / "export.json")
    assert export_content() == exported
    assert json.loads(exported)["records"][-1]["key"] == "anniversary-25"


@pytest.mark.django_db
def test_a_dry_run_checks_everything_and_writes_nothing(tmp_path):
    before = database_state()
    output = import_content(content_file(tmp_path, SAMPLE), dry_run=True)
    assert database_state() == before
    assert NewsItem.objects.count() == 0
    assert output.splitlines()[-1] == (
        "8 records: 8 would be created, 0 would be updated, 0 unchanged. Dry run: nothing was written."
    )


@pytest.mark.django_db
def test_a_dry_run_still_reports_bad_input(tmp_path):
    bad = [*SAMPLE, {**SAMPLE[-1], "key": "other", "kind": "blog"}]
    with pytest.raises(CommandError, match='record 9 \\(key "other"\\): field "kind"'):
        import_content(content_file(tmp_path, bad), dry_run=True)


@pytest.mark.django_db
def test_a_bad_record_late_in_the_file_leaves_the_database_as_it_was(tmp_path):
    import_content(content_file(tmp_path, SAMPLE[:3]))
    before = database_state()
    changed = json.loads(json.dumps(SAMPLE))
    changed[0]["kind"] = "government"
    changed.append({**SAMPLE[-1], "key": "broken", "published_at": "yesterday"})
    with pytest.raises(CommandError) as error:
        import_content(content_file(tmp_path, changed, name="late.json"))
    assert str(error.value) == (
        f'{tmp_path / "late.json"}: record 9 (key "broken"): field "published_at": '
        '"yesterday" is not an ISO 8601 date-time such as "2023-12-19T10:00:00+01:00"'
    )
    assert database_state() == before


@pytest.mark.django_db
def test_a_failure_while_writing_rolls_back_everything_written_before_it(tmp_path, monkeypatch):
    import_content(content_file(tmp_path, SAMPLE[:3]))
    before = database_state()
    changed = json.loads(json.dumps(SAMPLE))
    changed[0]["country"] = "AT"
    changed[1]["country"] = "DE"
    saved = []

    def save_until_the_third(self, *args, **kwargs):
        saved.append(self.key)
        if len(saved) == 3:
            raise RuntimeError("disk full")
        return original_save(self, *args, **kwargs)

    original_save = TranslatedContent.save
    monkeypatch.setattr(TranslatedContent, "save", save_until_the_third)
    changed[2]["title"]["en"] = "Assisted voluntary return"
    with pytest.raises(RuntimeError, match="disk full"):
        import_content(content_file(tmp_path, changed))
    assert saved == ["amif", "ministry-of-interior", "avrr"]
    assert database_state() == before


@pytest.mark.django_db
def test_the_shipped_content_imports_cleanly_and_a_second_run_changes_nothing():
    files = sorted(DATA.glob("*.json"))
    assert files, f"the shipped content is missing from {DATA}"
    import_content(DATA)
    before = database_state()
    output = import_content(DATA)
    assert database_state() == before
    assert " 0 were created, 0 were updated," in output.splitlines()[-1]
    assert Programme.objects.published().available_in("cs").exists()


class _Terminal(_Out):
    def isatty(self):
        return True


@pytest.mark.django_db
def test_a_terminal_gets_a_progress_bar_and_a_pipe_does_not(tmp_path, monkeypatch):
    monkeypatch.setattr(ProgressBar, "delay", 0)
    path = content_file(tmp_path, SAMPLE)
    terminal = _Terminal()
    call_command("import_content", str(path), stdout=terminal)
    assert "\rImporting [" + "#" * 30 + "] 8/8" in terminal.getvalue()
    piped = import_content(path)
    assert "\r" not in piped
    assert "Importing" not in piped


@pytest.mark.django_db
def test_verbosity_zero_prints_nothing_and_two_lists_the_files(tmp_path):
    path = content_file(tmp_path, SAMPLE)
    assert import_content(path, verbosity=0) == ""
    assert NewsItem.objects.count() == 1
    assert f"{path}: 8 records" in import_content(path, verbosity=2).splitlines()


@pytest.mark.django_db
def test_a_new_item_keeps_its_recorded_times_and_a_change_is_stamped_with_the_time_of_the_import(tmp_path):
    stamped = {**SAMPLE[0], "created": "2019-05-01T08:00:00+02:00", "updated": "2020-01-02T03:04:05.678901+01:00"}
    import_content(content_file(tmp_path, [stamped]))
    amif = Organisation.objects.get()
    assert amif.created.isoformat() == "2019-05-01T06:00:00+00:00"
    assert amif.updated.isoformat() == "2020-01-02T02:04:05.678901+00:00"
    import_content(content_file(tmp_path, [{**stamped, "country": "BE"}]))
    amif.refresh_from_db()
    assert amif.created.isoformat() == "2019-05-01T06:00:00+00:00"
    assert amif.updated.year == timezone.now().year


@pytest.mark.django_db
def test_a_new_item_is_created_with_the_times_its_record_carries(tmp_path):
    record = {**SAMPLE[-1], "created": "2020-05-01T10:00:00+02:00", "updated": "2021-06-01T10:00:00+02:00"}
    import_content(content_file(tmp_path, [*SAMPLE[:-1], record]))
    stored = NewsItem.objects.get(key=record["key"])
    assert (stored.created.isoformat(), stored.updated.isoformat()) == (
        "2020-05-01T08:00:00+00:00",
        "2021-06-01T08:00:00+00:00",
    )
    first = stored.history.get()
    assert (first.history_type, first.history_date, first.lead_en) == ("+", stored.updated, stored.lead_en)


@pytest.mark.django_db
def test_imported_items_get_a_first_revision_and_their_translation_sources_as_a_save_gives(tmp_path):
    import_content(content_file(tmp_path, SAMPLE))
    for model in (Organisation, Programme, Project, Director, Milestone, KeyFigure, NewsItem):
        for item in model.objects.all():
            assert list(item.history.values_list("history_type", flat=True)) == ["+"], item
            saved = model.objects.get(pk=item.pk)
            saved.translation_sources = {}
            saved.save()
            # As the admin's save of a new item with its rows (a project's results) records them.
            record_row_sources(saved, {name: dict.fromkeys(LANGUAGE_CODES, "") for name in model.translated_rows})
            assert item.translation_sources == saved.translation_sources, item
    results = Project.objects.get(key="avrr-amif-2018").results.all()
    assert [result.history.count() for result in results] == [1, 1]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("index", "changes", "field"),
    [
        (4, {"started": "2018-05", "ended": "2017"}, "ended"),
        (5, {"started": "2004-09-01", "ended": "2004-08"}, "ended"),
        (6, {"date": "2015-03", "end": "2015-02-28"}, "end"),
    ],
)
def test_a_period_that_ends_before_it_starts_refuses_the_file_and_writes_nothing(tmp_path, index, changes, field):
    records = json.loads(json.dumps(SAMPLE))
    records[index - 1].update(changes)
    before = database_state()
    with pytest.raises(CommandError) as error:
        import_content(content_file(tmp_path, records, name="periods.json"))
    start = {"ended": "started", "end": "date"}[field]
    assert str(error.value) == (
        f'{tmp_path / "periods.json"}: record {index} (key "{records[index - 1]["key"]}"): field "{field}": '
        f"“{field}” cannot be before “{start}”: the period would end before it begins."
    )
    assert database_state() == before


@pytest.mark.django_db
def test_a_period_whose_end_lies_within_the_start_year_imports(tmp_path):
    records = json.loads(json.dumps(SAMPLE))
    records[3].update({"started": "2018-05", "ended": "2018"})
    import_content(content_file(tmp_path, records))
    assert Project.objects.get(key="avrr-amif-2018").end.isoformat() == "2018"


@pytest.mark.django_db
def test_an_imported_change_of_a_results_english_label_leaves_its_translation_outdated(tmp_path):
    from core.translation_status import State, outdated_fields, states

    import_content(content_file(tmp_path, SAMPLE))
    assert states(Project.objects.get())["cs"] == State.MISSING  # the second result has no Czech label
    changed = json.loads(json.dumps(SAMPLE))
    changed[3]["results"] = changed[3]["results"][:1]
    import_content(content_file(tmp_path, changed))
    assert states(Project.objects.get())["cs"] == State.COMPLETE
    changed[3]["results"][0]["label"]["en"] = "assisted returns"
    import_content(content_file(tmp_path, changed))
    project = Project.objects.get()
    assert (states(project)["cs"], outdated_fields(project, "cs")) == (State.OUTDATED, ["results"])
