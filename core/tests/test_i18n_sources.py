"""Every string marked for translation in the code and templates is in both catalogues."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from core.tests.test_i18n_catalogues import PROJECT_CATALOGUES, read_entries

SOURCES = (
    "iomcz",
    "core",
    "programmes",
    "history",
    "news",
    "sitewide",
    "content_exchange",
    "templates",
    "locale",
    "manage.py",
    "pyproject.toml",
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogues as makemessages would write them now, made in a copy of the sources."""
    copy = tmp_path_factory.mktemp("i18n")
    for name in SOURCES:
        source = Path(settings.BASE_DIR, name)
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy(source, copy / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "cs", "-l", "uk", "--no-obsolete", "-v", "0"],
        cwd=copy,
        check=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "iomcz.settings.test"},
    )
    return {code: Path(copy, path.relative_to(settings.BASE_DIR)) for code, path in PROJECT_CATALOGUES.items()}


@pytest.mark.parametrize("code", PROJECT_CATALOGUES)
def test_every_marked_string_is_in_the_catalogue(extracted, code):
    def msgids(path):
        return {(entry.get("msgctxt"), entry["msgid"]) for entry in read_entries(path)}

    missing = msgids(extracted[code]) - msgids(PROJECT_CATALOGUES[code])
    assert not missing, f"run `make messages` and translate: {sorted(m for _, m in missing)}"
