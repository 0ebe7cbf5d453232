"""Security issue 21, photos served with their EXIF data: what counts as metadata in a
picture's bytes."""

import io
import struct
import zlib

import pytest
from PIL import Image, ImageCms

from footcare.content.picture_metadata import carries_metadata
from tests.security.test_pictures import (
    XMP,
    half_red_half_blue,
    personal_exif,
)

SRGB_PROFILE = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


# What counts as metadata, on files whose every part the test put there itself.


def encoded(kind: str, image: Image.Image | None = None, **options) -> bytes:
    out = io.BytesIO()
    (image or half_red_half_blue()).save(out, kind, **options)
    return out.getvalue()


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    return bytes([0xFF, marker]) + struct.pack(">H", len(payload) + 2) + payload


def with_jpeg_segment(data: bytes, segment: bytes, *, before_the_end: bool = False) -> bytes:
    """``data`` with ``segment`` after the start of image, or between the scan and the end."""
    if before_the_end:
        assert data.endswith(b"\xff\xd9")
        return data[:-2] + segment + data[-2:]
    return data[:2] + segment + data[2:]


def without_jfif(data: bytes) -> bytes:
    assert data[2:4] == b"\xff\xe0"
    length = struct.unpack(">H", data[4:6])[0]
    return data[:2] + data[4 + length :]


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def with_png_chunk(data: bytes, chunk: bytes) -> bytes:
    """``data`` with ``chunk`` just before IEND (after the pixels: readers still read it)."""
    return data[:-12] + chunk + data[-12:]


def with_webp_chunk(data: bytes, kind: bytes, payload: bytes) -> bytes:
    padding = b"\0" * (len(payload) % 2)
    body = data[12:] + kind + struct.pack("<I", len(payload)) + payload + padding
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def animated_webp() -> bytes:
    frames = [half_red_half_blue(), half_red_half_blue().transpose(Image.Transpose.FLIP_LEFT_RIGHT)]
    return encoded("WEBP", frames[0], save_all=True, append_images=frames[1:], duration=100)


JFIF_WITH_THUMBNAIL = b"JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x01\x01" + b"\xff\x00\x00"
IPTC = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x0c\x1c\x02\x50\x00\x05Edith"
ADOBE = b"Adobe\x00\x64\x00\x00\x00\x00\x01"

WITH_METADATA = {
    "jpeg-exif": lambda: encoded("JPEG", exif=personal_exif()),
    "jpeg-xmp": lambda: encoded("JPEG", xmp=XMP),
    "jpeg-icc-profile": lambda: encoded("JPEG", icc_profile=SRGB_PROFILE),
    "jpeg-comment": lambda: encoded("JPEG", comment=b"Taken at Edith's home"),
    "jpeg-iptc": lambda: with_jpeg_segment(encoded("JPEG"), jpeg_segment(0xED, IPTC)),
    "jpeg-adobe": lambda: with_jpeg_segment(encoded("JPEG"), jpeg_segment(0xEE, ADOBE)),
    "jpeg-maker-segment": lambda: with_jpeg_segment(encoded("JPEG"), jpeg_segment(0xE9, b"x")),
    "jpeg-jfif-thumbnail": lambda: with_jpeg_segment(
        without_jfif(encoded("JPEG")), jpeg_segment(0xE0, JFIF_WITH_THUMBNAIL)
    ),
    "jpeg-jfxx": lambda: with_jpeg_segment(
        encoded("JPEG"), jpeg_segment(0xE0, b"JFXX\x00\x13" + b"\0" * 8)
    ),
    "jpeg-comment-after-the-scan": lambda: with_jpeg_segment(
        encoded("JPEG"), jpeg_segment(0xFE, b"Edith"), before_the_end=True
    ),
    "jpeg-bytes-after-the-end": lambda: encoded("JPEG") + b"Edith Editor",
    "jpeg-cut-short": lambda: encoded("JPEG")[:-20],
    "png-text": lambda: with_png_chunk(encoded("PNG"), png_chunk(b"tEXt", b"Author\0Edith")),
    "png-ztxt": lambda: with_png_chunk(
        encoded("PNG"), png_chunk(b"zTXt", b"Author\0\0" + zlib.compress(b"Edith"))
    ),
    "png-itxt": lambda: with_png_chunk(
        encoded("PNG"), png_chunk(b"iTXt", b"Author\0\0\0\0\0Edith")
    ),
    "png-exif": lambda: encoded("PNG", exif=personal_exif()),
    "png-icc-profile": lambda: encoded("PNG", icc_profile=SRGB_PROFILE),
    "png-time": lambda: with_png_chunk(
        encoded("PNG"), png_chunk(b"tIME", struct.pack(">HBBBBB", 2026, 5, 1, 12, 0, 0))
    ),
    "png-private-chunk": lambda: with_png_chunk(encoded("PNG"), png_chunk(b"prVt", b"Edith")),
    "png-bytes-after-the-end": lambda: encoded("PNG") + b"Edith Editor",
    "png-cut-short": lambda: encoded("PNG")[:-12],
    "webp-exif": lambda: encoded("WEBP", exif=personal_exif()),
    "webp-xmp": lambda: encoded("WEBP", xmp=XMP),
    "webp-icc-profile": lambda: encoded("WEBP", icc_profile=SRGB_PROFILE),
    "webp-other-chunk": lambda: with_webp_chunk(
        encoded("WEBP", half_red_half_blue().convert("RGBA")), b"EDIT", b"Edith"
    ),
    "webp-bytes-after-the-end": lambda: encoded("WEBP") + b"Edith Editor",
    "gif": lambda: encoded("GIF"),
}

PIXELS_ONLY = {
    "jpeg": lambda: encoded("JPEG"),
    "jpeg-grey": lambda: encoded("JPEG", half_red_half_blue().convert("L")),
    "jpeg-progressive": lambda: encoded("JPEG", progressive=True, optimize=True),
    "jpeg-restart-markers": lambda: encoded("JPEG", restart_marker_blocks=1),
    "jpeg-with-density": lambda: encoded("JPEG", dpi=(300, 300)),
    "png": lambda: encoded("PNG"),
    "png-palette-transparent": lambda: encoded(
        "PNG", half_red_half_blue().convert("P"), transparency=0
    ),
    "png-with-alpha": lambda: encoded("PNG", half_red_half_blue().convert("RGBA")),
    "png-with-density": lambda: encoded("PNG", dpi=(300, 300)),
    "png-with-gamma": lambda: with_png_chunk(
        encoded("PNG"), png_chunk(b"gAMA", struct.pack(">I", 45455))
    ),
    "webp": lambda: encoded("WEBP"),
    "webp-lossless": lambda: encoded("WEBP", lossless=True),
    "webp-with-alpha": lambda: encoded("WEBP", half_red_half_blue().convert("RGBA")),
    "webp-animated": animated_webp,
}


@pytest.mark.parametrize("make", WITH_METADATA.values(), ids=WITH_METADATA.keys())
def test_a_file_with_anything_beside_its_pixels_carries_metadata(make):
    data = make()
    if not data.startswith(b"GIF"):
        with Image.open(io.BytesIO(data)) as image:
            assert image.format in ("JPEG", "PNG", "WEBP")  # still a picture a browser shows
    assert carries_metadata(data)


@pytest.mark.parametrize("make", PIXELS_ONLY.values(), ids=PIXELS_ONLY.keys())
def test_a_file_of_pixels_alone_carries_none(make):
    assert not carries_metadata(make())
