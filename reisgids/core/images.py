"""Uploaded images are known by their content, not by the name the uploader gave them."""

import uuid

from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

# The image formats the platform stores, with the extension that makes a server send the right
# Content-Type for them.
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}


def image_format(file) -> str | None:
    """The format Pillow reads in the file ("JPEG", "PNG", ...), or None when it is no whole image
    (text, HTML, SVG, a truncated file, a decompression bomb)."""
    position = file.tell()
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
            return image.format
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return None
    finally:
        file.seek(position)


def name_by_content(file):
    """Gives a new upload a random name with the extension of its real format, so the stored name
    neither lies about the content (a PNG called .jpg) nor keeps the uploader's file name. Files
    that are no image keep their name; the validators refuse them."""
    if not isinstance(file, UploadedFile):
        return file  # the file already stored, unchanged
    extension = EXTENSIONS.get(image_format(file))
    if extension:
        file.name = f"{uuid.uuid4().hex}.{extension}"
    return file
