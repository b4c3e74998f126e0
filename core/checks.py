"""The compiled translations must match their sources: without them Django falls back to English
silently, labels and URL segments included (`/cs/news/` instead of `/cs/aktuality/`)."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

REMEDY = "Run `python manage.py compilemessages` (the deploy steps do: deploy/deploy.sh)."


def uncompiled_catalogues(locale_paths=None):
    """One line per catalogue in LOCALE_PATHS whose .mo is missing or older than its .po.

    A checkout gives the .po any modification time, but compiling always writes a newer .mo, so a
    .mo older than its .po means the sources changed after the last compilemessages.
    """
    problems = []
    for folder in locale_paths if locale_paths is not None else settings.LOCALE_PATHS:
        for source in sorted(Path(folder).glob("*/LC_MESSAGES/*.po")):
            compiled = source.with_suffix(".mo")
            if not compiled.exists():
                problems.append(f"{compiled} is missing")
            elif compiled.stat().st_mtime < source.stat().st_mtime:
                problems.append(f"{compiled} is older than {source.name}")
    return problems


@checks.register(checks.Tags.translation, deploy=True)
def check_compiled_catalogues(app_configs=None, **kwargs):
    return [
        checks.Error(f"Translations not compiled: {problem}.", hint=REMEDY, id="core.E001")
        for problem in uncompiled_catalogues()
    ]


def refuse_uncompiled_catalogues():
    """Stop a production process before it serves English on the Czech and Ukrainian pages."""
    problems = uncompiled_catalogues()
    if problems:
        raise ImproperlyConfigured(f"Translations not compiled: {'; '.join(problems)}. {REMEDY}")
