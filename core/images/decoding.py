"""Decoding images within a memory budget: a decoded image costs 3 to 4 bytes a pixel (120 MB for
40 million), so a large JPEG is decoded at a reduced size, and no step keeps two full copies."""

from PIL import ExifTags, ImageOps

TURNED_ORIENTATIONS = {5, 6, 7, 8}


def upright_size(image):
    """(width, height) of an opened image once turned by its EXIF orientation."""
    width, height = image.size
    if image.getexif().get(ExifTags.Base.Orientation) in TURNED_ORIENTATIONS:
        return height, width
    return width, height


def reduction(ratio):
    """The largest of 1, 2, 4 and 8 that is not above `ratio`: the scales of libjpeg's reduced decoding."""
    return next(scale for scale in (8, 4, 2, 1) if scale <= ratio or scale == 1)


def load_upright(image, scale=1):
    """Decode a just-opened image and turn it upright by its EXIF orientation, in place. A JPEG
    is decoded at 1/`scale` of its width and height (libjpeg's reduced DCT decoding, through
    Pillow's draft), which needs 1/scale² of the memory; other formats are decoded whole."""
    if scale > 1 and image.format == "JPEG":
        width, height = image.size
        image.draft(None, (width // scale, height // scale))
    image.load()
    # In place: an image that needs no turning is not copied.
    ImageOps.exif_transpose(image, in_place=True)
    return image
