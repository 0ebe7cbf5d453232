"""Pictures for content: read, checked, cleaned and stored once, whoever brings them.

An editor's upload, the content pack's drawings and migrations all come through
``row_values``: it refuses what is not a picture a browser can show safely, works out the
size, makes the thumbnail and the bytes to keep; ``save_picture`` keeps one ``Picture`` row
per distinct file.

Accepted: PNG, JPEG and WebP (read by Pillow, which also makes the thumbnails), and SVG
drawings made only of shapes (``svg_allowlist``: an SVG is served from our own address, so
one that could run or fetch anything would act as our site in a browser).

A photo is stored re-encoded from its pixels alone: what a camera or an editing program
writes beside them (EXIF with the GPS position and the owner's name, XMP, IPTC, comments,
PNG text) stays out. It is first turned upright as its EXIF orientation says, since the
orientation goes with the rest, and brought into sRGB when it has a colour profile: the
profile is a file of its own, with free-text fields (its name, the device, a copyright) that
we cannot vet, and sRGB is what browsers assume for a picture without one, so the colours
stay right. An SVG is kept byte for byte: it is text we have checked in full.
(``picture_metadata.carries_metadata`` tells whether bytes carry any; photos an earlier
release stored as uploaded are stored again by ``picture_cleaning``.)
"""

import hashlib
import io
import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from PIL.JpegImagePlugin import JpegImageFile, get_sampling

from footcare.content.svg_allowlist import checked_svg
from footcare.models import Picture

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000  # pixels: larger is not an illustration, and costs memory to decode
THUMBNAIL_SIDE = 320

RASTER_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
WEBP_QUALITY = 90  # encoded again at a quality no eye tells from the upload
SVG_TYPE = "image/svg+xml"
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", SVG_TYPE: "svg"}
SRGB = ImageCms.createProfile("sRGB")

LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


@dataclass(frozen=True)
class Measured:
    content_type: str
    data: bytes
    width: int
    height: int
    thumbnail: bytes
    thumbnail_width: int
    thumbnail_height: int


def store_picture(data: bytes) -> Picture:
    """The ``Picture`` for these bytes, stored if new; a ``ValidationError`` in plain words
    if they are not a picture we serve. See ``save_picture`` for the transaction."""
    return save_picture(row_values(data))


def save_picture(values: dict[str, Any]) -> Picture:
    """The ``Picture`` of ``row_values``: the row with its digest, or a new one.

    Call it in the transaction that saves the item showing the picture (the admin and the
    content loader do): a row found is locked until that transaction ends, so that
    ``prune_pictures`` cannot remove an old, unused picture while it is being attached.
    """
    with transaction.atomic():
        found = Picture.objects.select_for_update().filter(digest=values["digest"]).first()
        if found is not None:
            return found
        rest = {name: value for name, value in values.items() if name != "digest"}
        picture, _created = Picture.objects.get_or_create(digest=values["digest"], defaults=rest)
        return picture


def refuse_if_too_large(size: int) -> None:
    """A ``ValidationError`` for a file over ``MAX_BYTES``: checked before reading an upload."""
    if size > MAX_BYTES:
        raise ValidationError(
            _("The picture is larger than %(limit)s MB: make it smaller and upload it again."),
            code="too_large",
            params={"limit": MAX_BYTES // (1024 * 1024)},
        )


def row_values(data: bytes) -> dict[str, Any]:
    """A ``Picture`` row's fields for these bytes, or a ``ValidationError``.

    ``data`` is what is kept (a photo re-encoded without its metadata) and ``digest`` its
    SHA-256. Touches no database: migrations use it with their historical model.
    """
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    refuse_if_too_large(len(data))
    measured = _measure_svg(data) if _looks_like_svg(data) else _measure_raster(data)
    return {
        "digest": hashlib.sha256(measured.data).hexdigest(),
        "content_type": measured.content_type,
        "data": measured.data,
        "width": measured.width,
        "height": measured.height,
        "thumbnail": measured.thumbnail,
        "thumbnail_width": measured.thumbnail_width,
        "thumbnail_height": measured.thumbnail_height,
    }


Rows = TypeVar("Rows", bound=QuerySet[Any])


def with_picture(queryset: Rows) -> Rows:
    """``queryset`` with each row's picture read in the same query, but not its bytes."""
    return queryset.select_related("picture").defer("picture__data", "picture__thumbnail")


def extension(picture: Picture) -> str:
    return EXTENSIONS[picture.content_type]


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype"))


def _measure_raster(data: bytes) -> Measured:
    unreadable = ValidationError(
        _("This is not a picture we can use: upload a PNG, JPEG, WebP or SVG file."),
        code="not_a_picture",
    )
    try:
        with Image.open(io.BytesIO(data)) as image:
            kind = image.format or ""
            if kind not in RASTER_TYPES:
                raise unreadable
            _refuse_if_too_many_pixels(*image.size)  # before decoding them
            image.load()  # a truncated or corrupt file fails here, not when served
            clean = _pixels_only(image)
            options = _encoder_options(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise unreadable from None
    thumbnail = clean.copy()
    thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    return Measured(
        RASTER_TYPES[kind],
        _encoded(clean, kind, options),
        clean.width,
        clean.height,
        _encoded(thumbnail, kind, options),
        thumbnail.width,
        thumbnail.height,
    )


def _encoder_options(upload: Image.Image) -> dict[str, Any]:
    if isinstance(upload, JpegImageFile):
        # The upload's own quantization, as Pillow's quality="keep" does (which needs the
        # file itself, not its pixels turned upright): no bigger, and hardly any worse.
        return {"qtables": upload.quantization, "subsampling": get_sampling(upload)}
    if upload.format == "WEBP":
        return {"quality": WEBP_QUALITY}
    return {}


def _pixels_only(image: Image.Image) -> Image.Image:
    """The picture as it is meant to be seen (upright, in sRGB), with nothing beside its
    pixels but their transparency."""
    upright = ImageOps.exif_transpose(image)
    profile = upright.info.get("icc_profile")
    if profile:
        upright = _in_srgb(upright, profile)
    # Savers copy comments and profiles from ``info`` unless told otherwise: keep none.
    upright.info = {key: upright.info[key] for key in ("transparency",) if key in upright.info}
    return upright


def _in_srgb(image: Image.Image, profile: bytes) -> Image.Image:
    mode = "RGBA" if image.has_transparency_data else "RGB"
    if image.mode not in ("RGB", "RGBA", "CMYK", "L"):
        image = image.convert(mode)
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
        return ImageCms.buildTransform(source, SRGB, image.mode, mode).apply(image)
    except (ImageCms.PyCMSError, OSError):
        # A profile that cannot be read, or that does not fit the pixels (a grey profile
        # on a colour picture): the pixels as they are, as a browser would show them.
        return image


def _encoded(image: Image.Image, kind: str, options: dict[str, Any]) -> bytes:
    if kind == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format=kind, **options)
    return out.getvalue()


def _refuse_if_too_many_pixels(width: float, height: float) -> None:
    # Also what keeps a size within the database's integer columns.
    if max(width, height) > MAX_SIDE:
        raise ValidationError(
            _("The picture is more than %(limit)s pixels wide or high: make it smaller."),
            code="too_many_pixels",
            params={"limit": MAX_SIDE},
        )


def _measure_svg(data: bytes) -> Measured:
    width, height = _svg_size(checked_svg(data))
    return Measured(SVG_TYPE, data, width, height, b"", width, height)


def _svg_size(root: ET.Element) -> tuple[int, int]:
    width, height = (LENGTH.match(root.get(side, "")) for side in ("width", "height"))
    if width and height:
        sides: tuple[float, float] | None = (float(width.group(1)), float(height.group(1)))
    else:
        sides = _view_box_size(root.get("viewBox", ""))
    if sides is not None:
        _refuse_if_too_many_pixels(*sides)
        rounded = round(sides[0]), round(sides[1])
        if min(rounded) >= 1:
            return rounded
    raise ValidationError(
        _("The SVG drawing has no size: give it a width and height, or a viewBox."),
        code="bad_svg",
    )


def _view_box_size(view_box: str) -> tuple[float, float] | None:
    box = view_box.replace(",", " ").split()
    if len(box) != 4:
        return None
    try:
        width, height = float(box[2]), float(box[3])
    except ValueError:
        return None
    return None if math.isnan(width) or math.isnan(height) else (width, height)


def picture_url(picture: Picture, *, thumbnail: bool = False) -> str:
    """The picture's address (``/pictures/<digest>.<ext>``): the bytes there never change."""
    name = f"{picture.digest}.thumbnail" if thumbnail else picture.digest
    return reverse("picture", args=[f"{name}.{extension(picture)}"])
