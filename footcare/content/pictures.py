"""Pictures for content: read, checked and stored once, whoever brings them.

An editor's upload, the content pack's drawings and migrations all come through
``store_picture``: it refuses what is not a picture a browser can show safely, works out
the size, makes the thumbnail, and keeps one ``Picture`` row per distinct file.

Accepted: PNG, JPEG and WebP (read by Pillow, which also makes the thumbnails), and SVG
drawings made only of shapes: an SVG is served from our own address, so one with a script,
an event handler, a link to elsewhere or embedded HTML could act as our site in a browser.
"""

import hashlib
import io
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any, TypeVar

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from footcare.models import Picture

MAX_BYTES = 5 * 1024 * 1024
MAX_SIDE = 6000  # pixels: larger is not an illustration, and costs memory to decode
THUMBNAIL_SIDE = 320

RASTER_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}
SVG_TYPE = "image/svg+xml"
EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp", SVG_TYPE: "svg"}

SVG = "{http://www.w3.org/2000/svg}"
# Shapes, grouping, arrowheads, gradients, labels and accessible names: what a drawing needs.
SVG_ELEMENTS = {
    SVG + name
    for name in [
        "svg",
        "g",
        "defs",
        "marker",
        "path",
        "circle",
        "ellipse",
        "rect",
        "line",
        "polyline",
        "polygon",
        "title",
        "text",
        "tspan",
        "desc",
        "linearGradient",
        "radialGradient",
        "stop",
        "clipPath",
        "use",
        "symbol",
    ]
}
# Attributes that may point somewhere; only to something inside the same drawing.
LINKING = {"href", "{http://www.w3.org/1999/xlink}href"}
INTERNAL_URL = re.compile(r"url\(\s*#[\w.-]+\s*\)")
ANY_URL = re.compile(r"url\s*\(", re.IGNORECASE)
LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


@dataclass(frozen=True)
class Measured:
    content_type: str
    width: int
    height: int
    thumbnail: bytes
    thumbnail_width: int
    thumbnail_height: int


def store_picture(data: bytes) -> Picture:
    """The ``Picture`` for these bytes, stored if new; a ``ValidationError`` in plain words
    if they are not a picture we serve."""
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    refuse_if_too_large(len(data))
    digest = hashlib.sha256(data).hexdigest()
    existing = Picture.objects.filter(digest=digest).first()
    if existing is not None:
        return existing
    picture, _created = Picture.objects.get_or_create(digest=digest, defaults=row_values(data))
    return picture


def refuse_if_too_large(size: int) -> None:
    """A ``ValidationError`` for a file over ``MAX_BYTES``: checked before reading an upload."""
    if size > MAX_BYTES:
        raise ValidationError(
            _("The picture is larger than %(limit)s MB: make it smaller and upload it again."),
            code="too_large",
            params={"limit": MAX_BYTES // (1024 * 1024)},
        )


def row_values(data: bytes) -> dict[str, object]:
    """A ``Picture`` row's fields for these bytes (but the digest), or a ``ValidationError``.

    Touches no database: migrations use it with their historical model.
    """
    measured = _measure_svg(data) if _looks_like_svg(data) else _measure_raster(data)
    return {
        "content_type": measured.content_type,
        "data": data,
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
            width, height = image.size
            if max(width, height) > MAX_SIDE:
                raise ValidationError(
                    _("The picture is more than %(limit)s pixels wide or high: make it smaller."),
                    code="too_many_pixels",
                    params={"limit": MAX_SIDE},
                )
            image.load()  # a truncated or corrupt file fails here, not when served
            thumbnail = image.copy()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise unreadable from None
    thumbnail.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    if kind == "JPEG" and thumbnail.mode not in ("RGB", "L"):
        thumbnail = thumbnail.convert("RGB")
    out = io.BytesIO()
    thumbnail.save(out, format=kind)
    return Measured(
        RASTER_TYPES[kind], width, height, out.getvalue(), thumbnail.width, thumbnail.height
    )


def _measure_svg(data: bytes) -> Measured:
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except (ET.ParseError, DefusedXmlException, ValueError):
        raise ValidationError(
            _("This SVG file cannot be read: save it again from your drawing program."),
            code="bad_svg",
        ) from None
    if root.tag != SVG + "svg":
        raise ValidationError(_("This is not an SVG drawing."), code="bad_svg")
    for element in root.iter():
        _check_svg_element(element)
    width, height = _svg_size(root)
    return Measured(SVG_TYPE, width, height, b"", width, height)


def _check_svg_element(element: ET.Element) -> None:
    unsafe = ValidationError(
        _(
            "This SVG file contains %(what)s, which a picture on our site may not have: "
            "keep only shapes and text (export it as plain SVG, or upload a PNG)."
        ),
        code="unsafe_svg",
        params={"what": element.tag.rsplit("}", 1)[-1]},
    )
    if element.tag not in SVG_ELEMENTS:
        raise unsafe
    for name, value in element.attrib.items():
        local = name.rsplit("}", 1)[-1].lower()
        if local.startswith("on") or (name in LINKING and not value.startswith("#")):
            raise unsafe
        # url(#arrow) points into the drawing; any other url( … ) fetches from elsewhere.
        if ANY_URL.search(INTERNAL_URL.sub("", value)) or "@import" in value:
            raise unsafe


def _svg_size(root: ET.Element) -> tuple[int, int]:
    width, height = (LENGTH.match(root.get(side, "")) for side in ("width", "height"))
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = root.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return round(float(box[2])), round(float(box[3]))
        except ValueError:
            pass
    raise ValidationError(
        _("The SVG drawing has no size: give it a width and height, or a viewBox."),
        code="bad_svg",
    )
