import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from content_exchange.csvfile import CSV_MODELS, write_csv
from content_exchange.exporter import records, write_json


def moment(text):
    """--since: a date (midnight, site time) or an ISO date-time."""
    try:
        if len(text) == 10:
            value = datetime.datetime.combine(datetime.date.fromisoformat(text), datetime.time())
        else:
            value = datetime.datetime.fromisoformat(text)
    except ValueError:
        raise CommandError(f'--since: "{text}" is not a date (YYYY-MM-DD) or an ISO date-time') from None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


class Command(BaseCommand):
    help = (
        "Write the site's content to standard output or a file: JSON in the import format "
        "(docs/content-format.md), or one model as CSV for spreadsheets."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="write to this file instead of standard output")
        parser.add_argument("--format", choices=("json", "csv"), default="json", help="default: json")
        parser.add_argument("--model", choices=CSV_MODELS, help="the model to export as CSV (required with csv)")
        parser.add_argument("--since", metavar="DATE", help="only items changed on or after this date or date-time")

    def handle(self, *args, output, format, model, since, **options):
        since = moment(since) if since else None
        if format == "csv" and not model:
            raise CommandError(f"--format csv needs --model (one of {', '.join(CSV_MODELS)})")
        if format == "json" and model:
            raise CommandError("--model goes with --format csv; JSON exports every model")
        if output:
            with open(output, "w", encoding="utf-8", newline="") as out:
                self.export(out, format, model, since)
        else:
            self.stdout.ending = ""
            self.export(self.stdout, format, model, since)

    @staticmethod
    def export(out, format, model, since):
        if format == "csv":
            write_csv(out, model, records(since, labels={model}))
        else:
            write_json(out, since)
