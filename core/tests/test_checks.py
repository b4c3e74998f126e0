"""A site whose compiled translations are missing or older than their sources does not start: it
would serve English labels and URL segments on every Czech and Ukrainian page."""

import os
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from core.checks import REMEDY

LOCALE = settings.BASE_DIR / "locale"


@pytest.fixture
def locale_copy(tmp_path):
    """A compiled copy of the site's catalogues, to break one way or another."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE, copy, ignore=shutil.ignore_patterns("*.mo"))
    for source in copy.glob("*/LC_MESSAGES/*.po"):
        subprocess.run(["msgfmt", "-o", source.with_suffix(".mo"), source], check=True)
    return copy


def make_older(path, than):
    earlier = than.stat().st_mtime - 60
    os.utime(path, (earlier, earlier))


def deploy_check(locale_paths):
    with override_settings(LOCALE_PATHS=[locale_paths]):
        call_command("check", "--deploy", "--tag", "translation")


def test_compiled_catalogues_pass_the_deploy_check(locale_copy):
    deploy_check(locale_copy)


def test_a_missing_catalogue_fails_the_deploy_check_and_says_what_to_run(locale_copy):
    (locale_copy / "uk/LC_MESSAGES/django.mo").unlink()
    with pytest.raises(SystemCheckError) as raised:
        deploy_check(locale_copy)
    assert "core.E001" in str(raised.value)
    assert "uk/LC_MESSAGES/django.mo is missing" in str(raised.value)
    assert "python manage.py compilemessages" in str(raised.value)


def test_a_catalogue_older_than_its_source_fails_the_deploy_check(locale_copy):
    compiled = locale_copy / "cs/LC_MESSAGES/django.mo"
    make_older(compiled, than=compiled.with_suffix(".po"))
    with pytest.raises(SystemCheckError) as raised:
        deploy_check(locale_copy)
    assert "cs/LC_MESSAGES/django.mo is older than django.po" in str(raised.value)


def test_a_checkout_that_gives_the_sources_an_older_time_is_fine(locale_copy):
    source = locale_copy / "cs/LC_MESSAGES/django.po"
    make_older(source, than=source.with_suffix(".mo"))
    deploy_check(locale_copy)


def start_production_site(tmp_path, locale_paths):
    """Load iomcz.wsgi (what gunicorn does) with the production settings and `locale_paths`."""
    (tmp_path / "site_settings.py").write_text(
        f"from iomcz.settings.prod import *  # noqa: F403\nLOCALE_PATHS = [{str(locale_paths)!r}]\n"
    )
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "site_settings",
        "SECRET_KEY": "a-key-for-this-test-only-" + "x" * 40,
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(settings.BASE_DIR)]),
    }
    return subprocess.run(
        [sys.executable, "-c", "import iomcz.wsgi"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("breakage", ["missing", "stale"])
def test_the_production_site_refuses_to_start_without_compiled_catalogues(tmp_path, locale_copy, breakage):
    compiled = locale_copy / "uk/LC_MESSAGES/django.mo"
    if breakage == "missing":
        compiled.unlink()
    else:
        make_older(compiled, than=compiled.with_suffix(".po"))
    started = start_production_site(tmp_path, locale_copy)
    assert started.returncode != 0
    assert "ImproperlyConfigured: Translations not compiled" in started.stderr
    assert REMEDY in started.stderr


def test_the_production_site_starts_with_compiled_catalogues(tmp_path, locale_copy):
    started = start_production_site(tmp_path, locale_copy)
    assert started.returncode == 0, started.stderr
