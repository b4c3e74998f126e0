"""Responsive renditions of an image: made once, stored beside the media with a manifest, and
reused on every later request. A cropped set (for a square portrait, say) is cut around the
image's focal point (core.images.focal) and named after it, so that moving the point makes a new set."""

import hashlib
import io
import json
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.core.files.base import ContentFile
from PIL import Image

from .decoding import load_upright, reduction, upright_size
from .focal import crop_box, focal_point

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (160, 320, 640, 960, 1280, 1920)
RENDITIONS_DIR = "renditions"
RENDITIONS_VERSION = 1


@dataclass(frozen=True)
class Renditions:
    """The stored renditions of one image: (width, storage name) pairs per format."""

    width: int
    height: int
    fallback_format: str
    webp: tuple
    fallback: tuple

    def srcset(self, storage, image_format):
        pairs = self.webp if image_format == "webp" else self.fallback
        return ", ".join(f"{storage.url(name)} {width}w" for width, name in pairs)


def _renditions_folder(name):
    return f"{RENDITIONS_DIR}/{name}"


CROP_PREFIX = "crop-"


def _crop_tag(crop, focus):
    """The name of a cropped set: its ratio and focal point ("crop-1x1-500-250"); '' uncropped."""
    if crop is None:
        return ""
    return f"{CROP_PREFIX}{crop[0]}x{crop[1]}-{round(focus[0] * 1000)}-{round(focus[1] * 1000)}"


def _manifest_name(name, tag=""):
    return f"{_renditions_folder(name)}/{tag or 'renditions'}.json"


def _cache_key(storage, name, tag=""):
    where = f"{getattr(storage, 'location', '')}|{name}|{tag}"
    return f"renditions:{RENDITIONS_VERSION}:{hashlib.sha256(where.encode()).hexdigest()}"


def renditions(field_file, crop=None):
    """The renditions of an image, read from the cache or from their stored manifest, or made
    now if an image has none yet (one saved before this module existed, or whose renditions were
    removed); None when the original cannot be read (logged, never an error page).

    With `crop` (a width:height ratio such as (1, 1)), the renditions of the largest part of the
    image of that shape that is centred on its focal point."""
    if not field_file:
        return None
    name, storage = field_file.name, field_file.storage
    focus = focal_point(name) if crop else None
    tag = _crop_tag(crop, focus)
    data = cache.get(_cache_key(storage, name, tag))
    if data is None:
        data = _read_manifest(storage, name, tag) or _make_renditions(storage, name, crop, focus)
        if data is None:
            return None
        cache.set(_cache_key(storage, name, tag), data, timeout=None)
    return Renditions(
        width=data["width"],
        height=data["height"],
        fallback_format=data["fallback_format"],
        webp=tuple(map(tuple, data["webp"])),
        fallback=tuple(map(tuple, data["fallback"])),
    )


def rendition_files(storage, name):
    """The stored names of every rendition of an image, its manifest included."""
    folder = _renditions_folder(name)
    try:
        return [f"{folder}/{file}" for file in storage.listdir(folder)[1]]
    except FileNotFoundError:
        return []


def remove_renditions(storage, name):
    """Delete an image's renditions, their folder (where the storage has folders: an object store
    has none) and what the cache remembers of them."""
    for file in rendition_files(storage, name):
        storage.delete(file)
    try:
        storage.delete(_renditions_folder(name))
    except OSError:
        logger.warning("Cannot remove the renditions folder of %s: a rendition was written meanwhile", name)
    cache.delete(_cache_key(storage, name))


def remove_crops(storage, name):
    """Delete an image's cropped renditions (once its focal point moved) and what the cache
    remembers of them; they are made again, around the new point, when next shown."""
    for file in rendition_files(storage, name):
        tag = file.rpartition("/")[2]
        if tag.startswith(CROP_PREFIX):
            if tag.endswith(".json"):
                cache.delete(_cache_key(storage, name, tag.removesuffix(".json")))
            storage.delete(file)


def _read_manifest(storage, name, tag=""):
    manifest = _manifest_name(name, tag)
    if not storage.exists(manifest):
        return None
    with storage.open(manifest, "rb") as stored:
        data = json.loads(stored.read())
    return data if data.get("version") == RENDITIONS_VERSION else None


def _save_replacing(storage, name, content):
    if storage.exists(name):
        storage.delete(name)
    return storage.save(name, ContentFile(content))


def _encode(image, image_format):
    buffer = io.BytesIO()
    if image_format == "webp":
        image.save(buffer, format="WEBP", quality=80, method=4)
    elif image_format == "jpeg":
        image.convert("RGB").save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    else:
        image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _in_mode_and_width(decoded, mode, width):
    """`decoded` converted to `mode` and scaled down to `width`; once a smaller copy exists the
    decoded original is closed, which releases its memory before any rendition is encoded."""
    image = decoded if decoded.mode == mode else decoded.convert(mode)
    if image.width != width:
        image = image.resize((width, max(1, round(image.height * width / image.width))), Image.Resampling.LANCZOS)
    if image is not decoded:
        decoded.close()
    return image


def _make_renditions(storage, name, crop=None, focus=None):
    try:
        with storage.open(name, "rb") as stored, Image.open(stored) as original:
            # A large JPEG is decoded at no less than twice the largest rendition's width, which
            # LANCZOS then scales down with no visible loss.
            scale = reduction(upright_size(original)[0] / (2 * RENDITION_WIDTHS[-1]))
            image = load_upright(original, scale)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        logger.warning("Cannot make renditions of %s: %s", name, error)
        return None
    if crop:
        cropped = image.crop(crop_box(image.width, image.height, crop, focus))
        image.close()
        image = cropped
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
    fallback_format = "png" if has_alpha else "jpeg"
    largest = min(image.width, RENDITION_WIDTHS[-1])
    widths = sorted({width for width in RENDITION_WIDTHS if width < largest} | {largest})
    mode = "RGBA" if has_alpha else image.mode if image.mode in ("RGB", "L") else "RGB"
    # Every smaller rendition is made from the largest, not from the (much larger) original.
    image = _in_mode_and_width(image, mode, largest)
    folder = _renditions_folder(name)
    tag = _crop_tag(crop, focus)
    prefix = f"{tag}-" if tag else ""
    data = {
        "version": RENDITIONS_VERSION,
        "fallback_format": fallback_format,
        "webp": [],
        "fallback": [],
    }
    for width in widths:
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS) if width != image.width else image
        for key, image_format in (("webp", "webp"), ("fallback", fallback_format)):
            extension = "jpg" if image_format == "jpeg" else image_format
            stored_name = _save_replacing(
                storage, f"{folder}/{prefix}{width}.{extension}", _encode(resized, image_format)
            )
            data[key].append([width, stored_name])
        data["width"], data["height"] = width, height
    _save_replacing(storage, _manifest_name(name, tag), json.dumps(data).encode())
    return data
