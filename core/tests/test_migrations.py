"""A database made before the core app (by the code of commit ffe5628: shipped content imported,
an Editor added, the news item edited once) migrates cleanly and keeps everything it held."""

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

DUMP = Path(__file__).parent / "fixtures" / "site-before-core-app.sqlite.sql.gz"

REPORT = """
import json
from django.contrib.auth.models import Group, User
from core.translation_status import translated_models
from history.models import Director
from news.models import NewsItem
from programmes.models import ProjectResult
from core.search import admin_search_text
from core.text import search_key

models = [*translated_models(), ProjectResult]
item = NewsItem.objects.get()
print(json.dumps({
    "counts": {m._meta.label: m.objects.count() for m in models},
    "without_revision": sum(m.objects.exclude(pk__in=m.history.values("id")).count() for m in models),
    "without_sources": [d.key for m in translated_models() for d in m.objects.all()
                        if d.available_languages() != ["en"] and not d.translation_sources],
    "groups": sorted(Group.objects.values_list("name", flat=True)),
    "publisher_may_publish_news": Group.objects.get(name="Publisher").permissions.filter(
        codename="publish_newsitem").exists(),
    "editor": list(User.objects.get(username="editor-before").groups.values_list("name", flat=True)),
    "news_revisions": list(item.history.order_by("history_date").values_list("lead_en", flat=True)),
    "director_period": [str(Director.objects.get(key="alena-slamova").end)],
    "admin_search_filled": sum(m.objects.exclude(admin_search_text="").count() for m in translated_models()),
    "admin_search_stale": [d.key for m in translated_models() for d in m.objects.all()
                           if d.admin_search_text != admin_search_text(d)],
    "news_search_text": [item.search_text_uk, search_key(" ".join([item.title_uk, item.lead_uk, item.body_uk]))],
}))
"""


def run(*args, database):
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env |= {"SQLITE_PATH": str(database), "DJANGO_SETTINGS_MODULE": "iomcz.settings.test"}
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def migrated(tmp_path_factory):
    database = tmp_path_factory.mktemp("before") / "db.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.executescript(gzip.decompress(DUMP.read_bytes()).decode())
    before = {
        table: connection.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        for table in ("news_newsitem", "programmes_project", "history_milestone", "auth_user")
        for connection in [sqlite3.connect(database)]
    }
    run("migrate", "--no-input", database=database)
    return before, json.loads(run("shell", "-c", REPORT, database=database).splitlines()[-1]), database


def test_a_database_made_before_the_core_app_keeps_every_row(migrated):
    before, after, _database = migrated
    assert after["counts"]["news.NewsItem"] == before["news_newsitem"] == 1
    assert after["counts"]["programmes.Project"] == before["programmes_project"] == 11
    assert after["counts"]["history.Milestone"] == before["history_milestone"] == 19


def test_every_row_loaded_in_bulk_gets_its_first_revision_and_translation_sources(migrated):
    _before, after, _database = migrated
    assert after["without_revision"] == 0
    assert after["without_sources"] == []
    assert after["news_revisions"][-1].endswith("Edited before the core app.")


def test_the_roles_and_their_members_survive_the_move_from_a_data_migration_to_meta_permissions(migrated):
    _before, after, _database = migrated
    assert after["groups"] == ["Administrator", "Editor", "Publisher", "Translator"]
    assert after["publisher_may_publish_news"] is True
    assert after["editor"] == ["Editor"]


def test_periods_read_the_same_after_the_move_to_one_abstract_period(migrated):
    _before, after, _database = migrated
    assert after["director_period"] == ["2000"]


def test_a_second_migrate_has_nothing_left_to_do(migrated):
    _before, _after, database = migrated
    assert "No migrations to apply." in run("migrate", "--no-input", database=database)


def test_every_item_gets_the_folded_text_of_the_admins_search_and_news_is_folded_by_the_new_rule(migrated):
    before, after, _database = migrated
    assert after["admin_search_filled"] == sum(after["counts"].values()) - after["counts"]["programmes.ProjectResult"]
    assert after["admin_search_stale"] == []
    stored, folded_now = after["news_search_text"]
    assert stored == folded_now
