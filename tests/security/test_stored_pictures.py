"""Security issue 21, photos served with their EXIF data: what counts as metadata in a
picture's bytes, and pictures an earlier release stored with theirs, as they came.

Such a picture is stored again without its metadata by ``manage.py strip_picture_metadata``
(run by the upgrade recipe; ``check --deploy`` fails while any is left): the items that
showed it show the clean copy, through the journal, so that synced apps and stored answers
learn the new address, and the old one answers 404.
"""

import hashlib
import io
import struct
import zlib

import pytest
from django.core.checks import Tags, run_checks
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from reversion.models import Version

from footcare.content import journal
from footcare.content.picture_metadata import carries_metadata
from footcare.content.pictures import SVG_TYPE, store_picture
from footcare.models import ContentChange, Picture
from tests.factories import RoutineFactory, StepFactory, TechniqueFactory
from tests.security.test_pictures import (
    XMP,
    carries_nothing_personal,
    half_red_half_blue,
    personal_exif,
    photo_jpeg,
    photo_png,
    photo_webp,
)

pytestmark = pytest.mark.django_db

EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
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


# Pictures an earlier release stored with their metadata.


def stored_by_an_earlier_release(data: bytes) -> Picture:
    """The row an earlier release wrote for an upload: the bytes as they came, and a thumbnail
    Pillow made from them, with what Pillow carries over from the file (its comment)."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        kind, (width, height) = image.format or "", image.size
        thumbnail = image.copy()
    thumbnail.thumbnail((320, 320))
    return Picture.objects.create(
        digest=hashlib.sha256(data).hexdigest(),
        content_type=f"image/{kind.lower()}",
        data=data,
        width=width,
        height=height,
        thumbnail=encoded(kind, thumbnail),
        thumbnail_width=thumbnail.width,
        thumbnail_height=thumbnail.height,
    )


def address(picture) -> str:
    return f"/pictures/{picture.digest}.{EXTENSIONS.get(picture.content_type, 'svg')}"


def strip(*arguments: str) -> str:
    out = io.StringIO()
    call_command("strip_picture_metadata", *arguments, stdout=out)
    return out.getvalue()


def stored_rows() -> dict[int, tuple[str, bytes, bytes]]:
    return {
        pk: (digest, bytes(data), bytes(thumbnail))
        for pk, digest, data, thumbnail in Picture.objects.values_list(
            "pk", "digest", "data", "thumbnail"
        )
    }


def assert_no_raster_picture_carries_metadata() -> None:
    for picture in Picture.objects.exclude(content_type=SVG_TYPE):
        for data in (bytes(picture.data), bytes(picture.thumbnail)):
            carries_nothing_personal(data)  # the test's own look, beside the code's
            assert not carries_metadata(data)


def metadata_check() -> list[str]:
    """What ``check --deploy`` says of stored pictures (found through Django's registry)."""
    found = run_checks(include_deployment_checks=True, tags=[Tags.security])
    return [str(message) for message in found if message.id == "footcare.E005"]


def test_a_photo_an_earlier_release_stored_is_replaced_by_its_clean_copy_everywhere(client):
    photo = photo_jpeg()
    old = stored_by_an_earlier_release(photo)
    assert b"Edith" in bytes(old.data) and b"Edith" in bytes(old.thumbnail)
    technique = TechniqueFactory(slug="thumb-walking", picture=old)
    drawing = TechniqueFactory(slug="stroking")  # the factory's SVG
    drawn = stored_rows()[drawing.picture_id]
    routine = RoutineFactory(slug="calm", picture=old)
    StepFactory(routine=routine, technique=technique)
    routine.publish()
    draft = RoutineFactory(slug="not-yet", picture=old)
    lean = reverse("v1:lean-sync")
    token = client.get(lean).json()["next_token"]
    detail = f"/api/v1/techniques/{technique.slug}/"
    before = client.get(detail)
    assert before.json()["image"]["url"] == address(old)
    assert b"Edith" in client.get(address(old)).content  # served as it came: the leak
    assert len(metadata_check()) == 1
    position = journal.current_position()
    last_version = Version.objects.order_by("pk").last().pk

    output = strip()

    assert_no_raster_picture_carries_metadata()
    technique.refresh_from_db()
    routine.refresh_from_db()
    draft.refresh_from_db()
    drawing.refresh_from_db()
    clean = technique.picture
    assert clean.pk != old.pk and routine.picture == clean and draft.picture == clean
    assert clean.digest == store_picture(photo).digest  # what uploading the file stores now
    assert not Picture.objects.filter(pk=old.pk).exists()
    assert client.get(address(old)).status_code == 404
    served = client.get(address(clean))
    assert served.status_code == 200
    carries_nothing_personal(served.content)
    assert stored_rows()[drawing.picture_id] == drawn  # an SVG is left as it is
    assert address(old) in output and address(clean) in output
    for item in (technique, routine, draft):  # history keeps the change and says why
        latest = Version.objects.get_for_object(item).first()
        assert latest.pk > last_version
        assert latest.revision.comment == "Picture stored again without its metadata"

    # Synced apps and stored answers learn the new address: the journal names the items.
    named = set(ContentChange.objects.filter(position__gt=position).values_list("resource", "slug"))
    assert {("technique", "thumb-walking"), ("routine", "calm")} <= named
    assert not {("technique", "stroking"), ("routine", "not-yet")} & named
    delta = client.get(lean, {"token": token}).json()
    assert [item["image"]["url"] for item in delta["upserts"]["techniques"]] == [address(clean)]
    assert [item["image"]["url"] for item in delta["upserts"]["routines"]] == [address(clean)]
    after = client.get(detail)
    assert after.json()["image"]["url"] == address(clean)
    assert after["ETag"] != before["ETag"]
    routine_image = client.get(f"/api/v1/routines/{routine.slug}/").json()["image"]
    assert routine_image["url"] == address(clean)
    assert metadata_check() == []

    # Again: nothing left to do, nothing written.
    rows, position = stored_rows(), journal.current_position()
    assert "No stored picture carries metadata" in strip()
    assert stored_rows() == rows and journal.current_position() == position


@pytest.mark.parametrize("make", [photo_png, photo_webp], ids=["png", "webp"])
def test_png_and_webp_photos_are_cleaned_too(make):
    old = stored_by_an_earlier_release(make())
    technique = TechniqueFactory(picture=old)
    strip()
    assert_no_raster_picture_carries_metadata()
    technique.refresh_from_db()
    assert technique.picture.content_type == old.content_type
    assert (technique.picture.width, technique.picture.height) == (old.width, old.height)


def test_a_clean_copy_stored_since_is_shared_not_stored_twice():
    photo = photo_jpeg()
    uploaded_since = TechniqueFactory(slug="kneading", picture=store_picture(photo))
    old = stored_by_an_earlier_release(photo)
    shown_before = TechniqueFactory(slug="thumb-walking", picture=old)
    strip()
    shown_before.refresh_from_db()
    assert shown_before.picture == uploaded_since.picture
    assert not Picture.objects.filter(pk=old.pk).exists()
    assert Picture.objects.filter(content_type="image/jpeg").count() == 1


def test_a_photo_no_item_shows_any_more_is_removed_at_once():
    stored_by_an_earlier_release(photo_webp())
    assert "1 stored picture carries metadata" in strip("--dry-run")
    assert "removed: no item showed it" in strip()
    assert not Picture.objects.exclude(content_type=SVG_TYPE).exists()


def test_a_dry_run_says_what_it_would_do_and_changes_nothing():
    old = stored_by_an_earlier_release(photo_png())
    TechniqueFactory(slug="thumb-walking", name_en="Thumb walking", picture=old)
    rows, position = stored_rows(), journal.current_position()
    output = strip("--dry-run")
    assert "1 stored picture carries metadata" in output
    assert address(old) in output and "Thumb walking" in output
    assert stored_rows() == rows and journal.current_position() == position


def test_a_thumbnail_with_metadata_beside_a_clean_photo_is_made_again():
    info = PngInfo()
    info.add_text("Author", "Edith Editor")
    old = stored_by_an_earlier_release(encoded("PNG"))
    Picture.objects.filter(pk=old.pk).update(
        thumbnail=encoded("PNG", half_red_half_blue(), pnginfo=info)
    )
    technique = TechniqueFactory(picture=old)
    strip()
    assert_no_raster_picture_carries_metadata()
    technique.refresh_from_db()
    assert technique.picture_id == old.pk  # the photo was clean: its address stays


def test_a_picture_that_cannot_be_stored_again_is_named_and_the_others_are_cleaned():
    broken = Picture.objects.create(
        digest="0" * 64,
        content_type="image/jpeg",
        data=b"\xff\xd8\xff\xfe\x00\x07Edith not a picture",
        width=1,
        height=1,
        thumbnail=b"",
        thumbnail_width=1,
        thumbnail_height=1,
    )
    TechniqueFactory(slug="broken", name_en="Broken", picture=broken)
    cleanable = TechniqueFactory(picture=stored_by_an_earlier_release(photo_jpeg()))
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 stored picture could not be stored again"):
        call_command("strip_picture_metadata", stdout=out, stderr=err)
    assert address(broken) in err.getvalue() and "Broken" in err.getvalue()
    assert "not a picture we can use" in err.getvalue()
    cleanable.refresh_from_db()
    assert not carries_metadata(bytes(cleanable.picture.data))
    assert Picture.objects.filter(pk=broken.pk).exists()  # shown: left for the operator
    assert len(metadata_check()) == 1


def test_check_deploy_names_how_many_stored_pictures_carry_metadata():
    for make in (photo_jpeg, photo_png):
        stored_by_an_earlier_release(make())
    stored_by_an_earlier_release(photo_webp())
    TechniqueFactory()  # an SVG is not counted
    found = run_checks(include_deployment_checks=True, tags=[Tags.security])
    [message] = [message for message in found if message.id == "footcare.E005"]
    assert "3 stored pictures carry metadata" in message.msg
    assert "strip_picture_metadata" in (message.hint or "")
    strip()
    assert metadata_check() == []
