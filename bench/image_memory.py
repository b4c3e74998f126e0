"""Peak memory and time of one large image upload through the admin, each in a fresh process.

Run with `.venv/bin/python bench/image_memory.py [--megapixels N] [--png-megapixels M]`. It migrates
a throwaway SQLite database, writes a phone-like JPEG (turned by its EXIF orientation, with GPS
metadata) and a transparent PNG of N million pixels (40 by default), and a PNG of M million (the
PNG limit of core.images.validation by default) to a temporary folder, and posts each one to
the news item's add form in the admin of a fresh process (the test settings: the real form,
validation, save, metadata stripping and renditions). The process first uploads a small image so
that its imports and caches are warm; then it resets the kernel's peak-memory mark, uploads the
large image and reports how far its resident memory rose above where it stood just before
(VmHWM - VmRSS, from /proc/self/status) and how long the request took. Linux only; not part of the
test run.
"""

import argparse
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def environment(folder):
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    return env | {
        "DJANGO_SETTINGS_MODULE": "iomcz.settings.test",
        "SQLITE_PATH": str(folder / "bench.sqlite3"),
        "MEDIA_ROOT": str(folder / "media"),
        "LOG_LEVEL": "ERROR",
    }


def size_for(megapixels):
    """A 3:2 frame of at most `megapixels` million pixels."""
    height = int((megapixels * 1_000_000 / 1.5) ** 0.5)
    return int(height * 1.5), height


def phone_jpeg(path, megapixels):
    """A grainy photo-like JPEG under the upload byte limit, stored on its side (orientation 6) with
    GPS metadata: the case that asks most of the upload path."""
    from PIL import ExifTags, Image

    width, height = size_for(megapixels)

    def grain(step):
        noise = Image.effect_noise((width // step, height // step), 80).convert("L")
        return noise.resize((width, height), Image.Resampling.BILINEAR)

    image = Image.merge("RGB", (grain(7), Image.linear_gradient("L").resize((width, height)), grain(16)))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (50.0, 5.0, 17.0)}
    image.save(path, format="JPEG", quality=88, exif=exif)


def transparent_png(path, megapixels):
    from PIL import Image

    size = size_for(megapixels)
    bands = [Image.linear_gradient("L"), Image.radial_gradient("L"), Image.linear_gradient("L").rotate(90)]
    alpha = Image.radial_gradient("L").point(lambda value: 255 - value)
    Image.merge("RGBA", [band.resize(size) for band in (*bands, alpha)]).save(path, format="PNG")


def prepare():
    import django
    from django.core.management import call_command

    django.setup()
    from django.contrib.auth.models import User

    call_command("migrate", verbosity=0)
    User.objects.create_superuser("bench", password="bench")


def memory_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise SystemExit(f"/proc/self/status has no {field}")


def upload(path):
    """Post `path` to the admin's add form; one JSON line with the memory, the time and the outcome."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.test.utils import setup_test_environment
    from PIL import Image

    from news.models import NewsItem
    from testing.admin_support import form_data

    setup_test_environment()  # responses carry their template context, which form_data reads
    client = Client()
    client.force_login(User.objects.get(username="bench"))
    url = "/admin/news/newsitem/add/"
    blank = form_data(client.get(url), title_en="Large photo", lead_en="Lead.", image_alt_en="A photo")

    def post(name, content):
        return client.post(url, {**blank, "image": SimpleUploadedFile(name, content)})

    for image_format in ("JPEG", "PNG"):
        buffer = io.BytesIO()
        Image.new("RGB", (1200, 800), (200, 40, 40)).save(buffer, format=image_format)
        post(f"warm.{image_format.lower()}", buffer.getvalue())
    NewsItem.objects.all().delete()

    content = path.read_bytes()
    Path("/proc/self/clear_refs").write_text("5")
    before = memory_kib("VmRSS")
    started = time.perf_counter()
    response = post(path.name, content)
    seconds = time.perf_counter() - started
    peak = memory_kib("VmHWM")
    if response.status_code == 302:
        outcome = f"stored as {NewsItem.objects.get().image.name}"
    else:
        errors = response.context["adminform"].form.errors.get("image", ["(no image error)"])
        outcome = "refused: " + " ".join(errors)
    print(json.dumps({"extra_mb": (peak - before) / 1024, "seconds": seconds, "outcome": outcome}))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megapixels", type=float, default=40, help="size of the test images (default 40)")
    parser.add_argument("--png-megapixels", type=float, help="size of one more PNG (default: the PNG limit)")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--upload", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.prepare:
        return prepare()
    if options.upload:
        return upload(options.upload)

    if options.png_megapixels is None:
        from core.images.validation import MAX_IMAGE_PIXELS

        options.png_megapixels = MAX_IMAGE_PIXELS["PNG"] / 1_000_000

    with tempfile.TemporaryDirectory(prefix="iomcz-bench-") as name:
        folder = Path(name)
        env = environment(folder)
        me = [sys.executable, str(Path(__file__).resolve())]
        subprocess.run([*me, "--prepare"], env=env, check=True, cwd=ROOT)
        print("one fresh process per upload\n")
        print(f"{'image':44} {'extra MB':>9} {'seconds':>8}  outcome")
        for label, make, file_name, megapixels in (
            ("JPEG, on its side, with GPS", phone_jpeg, "phone.jpg", options.megapixels),
            ("PNG, transparent", transparent_png, "logo.png", options.megapixels),
            ("PNG, transparent", transparent_png, "smaller.png", options.png_megapixels),
        ):
            path = folder / file_name
            make(path, megapixels)
            width, height = size_for(megapixels)
            label = f"{label}, {width * height / 1e6:.1f} MP, {path.stat().st_size / 1e6:.1f} MB"
            result = subprocess.run([*me, "--upload", str(path)], env=env, check=True, cwd=ROOT, stdout=subprocess.PIPE)
            found = json.loads(result.stdout.decode().strip().splitlines()[-1])
            print(f"{label:44} {found['extra_mb']:9.0f} {found['seconds']:8.2f}  {found['outcome']}")


if __name__ == "__main__":
    main()
