from collections import Counter

from django.core.management.base import BaseCommand, CommandError

from content_exchange.errors import ContentError
from content_exchange.importer import DEFAULT_MAX_SIZE, Importer
from content_exchange.progress import ProgressBar
from core.i18n import LANGUAGE_CODES


class Command(BaseCommand):
    help = (
        "Import content files (see docs/content-format.md): files or folders (every content file in a "
        "folder, by name). Everything is checked first and written in one transaction; records whose "
        "content equals the database are left untouched."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="a content file or a folder of them")
        parser.add_argument("--dry-run", action="store_true", help="check and report, but write nothing")
        parser.add_argument(
            "--language",
            choices=LANGUAGE_CODES,
            help="the language of RSS/Atom feed files (default: the language the feed declares)",
        )
        parser.add_argument(
            "--max-size",
            type=int,
            default=DEFAULT_MAX_SIZE // (1024 * 1024),
            metavar="MB",
            help="refuse files larger than this many megabytes (default %(default)s)",
        )

    def handle(self, *args, paths, dry_run, language, max_size, verbosity, **options):
        importer = Importer(max_size=max_size * 1024 * 1024, language=language)
        bar = None
        try:
            importer.read(paths)
            if verbosity and self.stdout.isatty():
                bar = ProgressBar(self.stdout, importer.count, "Importing")
                importer.progress = bar
            summary = importer.run(dry_run=dry_run)
        except ContentError as error:
            raise CommandError(str(error)) from None
        finally:
            if bar:
                bar.finish()
        for warning in importer.warnings:
            self.stderr.write(warning)
        if verbosity >= 2:
            for path, count in importer.files:
                self.stdout.write(f"{path}: {count} records")
        if verbosity:
            for label, counts in summary.items():
                if counts:
                    self.stdout.write(
                        f"{label}: {counts['created']} created, {counts['updated']} updated, "
                        f"{counts['unchanged']} unchanged"
                    )
            total = sum(summary.values(), start=Counter())
            verb = "would be" if dry_run else "were"
            self.stdout.write(
                f"{importer.count} records: {total['created']} {verb} created, {total['updated']} {verb} updated, "
                f"{total['unchanged']} unchanged"
                + (f", {len(importer.warnings)} skipped (see above)" if importer.warnings else "")
                + "."
                + (" Dry run: nothing was written." if dry_run else "")
            )
