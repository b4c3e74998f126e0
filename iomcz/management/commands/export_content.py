from django.core.management.base import BaseCommand

from iomcz.content.exporter import write_json


class Command(BaseCommand):
    help = "Write the site's content in the import format (docs/content-format.md) to standard output or a file."

    def add_arguments(self, parser):
        parser.add_argument("--output", metavar="FILE", help="write to this file instead of standard output")

    def handle(self, *args, output, **options):
        if output:
            with open(output, "w", encoding="utf-8") as out:
                write_json(out)
        else:
            self.stdout.ending = ""
            write_json(self.stdout)
