"""`manage.py translation_status`: the admin's translation dashboard as a table, for content checks."""

from django.core.management.base import BaseCommand, CommandError

from core import translation_status
from core.i18n import LANGUAGE_CODES


class Command(BaseCommand):
    help = (
        "Print, per language and model, how many items are complete, missing or outdated (the English "
        "source changed after the translation was saved), and list the items to do."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", choices=LANGUAGE_CODES, help="Only this language.")
        parser.add_argument(
            "--fail-on-missing", action="store_true", help="Exit with status 1 when any translation is missing."
        )
        parser.add_argument(
            "--fail-on-outdated", action="store_true", help="Exit with status 1 when any translation is outdated."
        )

    def handle(self, *args, language=None, fail_on_missing=False, fail_on_outdated=False, **options):
        entries = [e for e in translation_status.report() if language in (None, e.code)]
        entries.sort(key=lambda e: LANGUAGE_CODES.index(e.code))
        header = ("language", "model", "complete", "missing", "outdated")
        rows = [(e.code, e.model._meta.label_lower, e.complete, len(e.missing), len(e.outdated)) for e in entries]
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            self.stdout.write("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        for entry in entries:
            for state, objects in (("missing", entry.missing), ("outdated", entry.outdated)):
                for obj in objects:
                    detail = ""
                    if state == "outdated":
                        detail = " (" + ", ".join(translation_status.outdated_fields(obj, entry.code)) + ")"
                    self.stdout.write(f"{entry.code} {state}: {entry.model._meta.label_lower} {obj.key}{detail}")
        missing = sum(len(e.missing) for e in entries)
        outdated = sum(len(e.outdated) for e in entries)
        self.stdout.write(f"{missing} missing, {outdated} outdated")
        failures = []
        if fail_on_missing and missing:
            failures.append(f"{missing} translations are missing")
        if fail_on_outdated and outdated:
            failures.append(f"{outdated} translations are outdated")
        if failures:
            raise CommandError("; ".join(failures) + ".")
