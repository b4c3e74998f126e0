"""Every public page, as the server sends it, is valid HTML5 by the Nu Html Checker."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from .pages import every_public_page, expected_status, report

pytestmark = pytest.mark.browser

VNU_JAR = settings.BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_html_errors(documents):
    """{file name: [error]} for {file name: HTML}, checked in one run of the checker (its JVM starts slowly)."""
    java = shutil.which("java")
    assert java, "Java is missing: the Nu Html Checker needs it (apt-get install default-jre-headless)."
    assert VNU_JAR.exists(), f"{VNU_JAR} is missing: run npm ci."
    with tempfile.TemporaryDirectory() as folder:
        files = []
        for name, html in documents.items():
            file = Path(folder) / name
            file.write_bytes(html)
            files.append(str(file))
        checker = subprocess.run(
            [java, "-jar", str(VNU_JAR), "--format", "json", "--stdout", "--errors-only", *files],
            capture_output=True,
            timeout=300,
        )
    output = json.loads(checker.stdout)
    errors = {}
    for message in output["messages"]:
        name = message.get("url", "").rsplit("/", 1)[-1]
        where = f"line {message.get('lastLine', '?')}: " if "lastLine" in message else ""
        errors.setdefault(name, []).append(f"{where}{message['message']} {message.get('extract', '').strip()!r}")
    return errors


def test_every_public_page_is_valid_html5(client, shipped_content):
    documents = {}
    for code, page_type, path in every_public_page():
        response = client.get(path)
        assert response.status_code == expected_status(page_type), f"{path} answers {response.status_code}"
        documents[f"{code}-{page_type.replace(' ', '-')}.html"] = response.content
    errors = nu_html_errors(documents)
    assert not errors, report(errors)


def test_the_checker_finds_an_error_in_invalid_html():
    invalid = b"<!doctype html><html lang=en><head><title>x</title></head><body><p><div></span></body></html>"
    assert list(nu_html_errors({"invalid.html": invalid})) == ["invalid.html"]
