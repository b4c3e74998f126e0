"""List the stored images, originals and renditions, that no item names any more; remove them with --delete."""

import datetime

from django.core.management.base import BaseCommand
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from core.images.files import unreferenced_files


def size(count):
    """ "4.5 KB", with a plain space so that the output reads well in scripts."""
    return filesizeformat(count).replace("\xa0", " ")


class Command(BaseCommand):
    help = (
        "List the image files in media storage (originals and their renditions) that no item names, "
        "with their sizes and a total. Nothing is deleted unless --delete is given. Files younger than "
        "--min-age minutes are left alone: they may belong to a save that is not committed yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("--delete", action="store_true", help="remove the files listed")
        parser.add_argument(
            "--min-age",
            type=float,
            default=60,
            metavar="MINUTES",
            help="leave alone files modified less than this many minutes ago (default 60)",
        )

    def handle(self, *args, delete, min_age, **options):
        cutoff = timezone.now() - datetime.timedelta(minutes=min_age)
        unreferenced = unreferenced_files()
        orphans = [file for file in unreferenced if file.modified <= cutoff]
        width = max((len(file.name) for file in orphans), default=0)
        for file in orphans:
            self.stdout.write(f"{file.name:{width}}  {size(file.size):>10}")
            if delete:
                file.delete()
        total = size(sum(file.size for file in orphans))
        count = f"{len(orphans)} orphan file{'' if len(orphans) == 1 else 's'}, {total}"
        if not orphans:
            self.stdout.write("No orphan files.")
        elif delete:
            self.stdout.write(f"Deleted {count}.")
        else:
            self.stdout.write(f"{count}. Nothing was deleted: run again with --delete to remove them.")
        if young := len(unreferenced) - len(orphans):
            self.stdout.write(f"{young} more unreferenced file(s) younger than {min_age:g} minutes left alone.")
