"""Security issue 21, pictures: what an upload may carry, what a refused form leaves behind,
and what becomes of pictures no item shows any more.

Uploads go through the admin as an editor of the Editors group, and through
``store_picture`` (the content pack's and migrations' way in).
"""

import hashlib
import io
import threading
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo
from reversion.models import Version

import routines
from footcare.content.guards import deferred
from footcare.content.picture_metadata import carries_metadata
from footcare.content.pictures import row_values, store_picture
from footcare.models import Picture
from routines.models import Routine, Technique
from tests.factories import RoutineFactory, StepFactory, TechniqueFactory, ZoneFactory
from tests.routines.test_routine_editor import saved_form
from tests.test_history import revision_form_data

pytestmark = pytest.mark.django_db

DRAWINGS = Path(routines.__file__).parent / "data" / "images" / "techniques"
ELSEWHERE = "https://tracker.example.org/pixel"


def svg(body: str, attributes: str = 'viewBox="0 0 10 10"', before: str = "") -> bytes:
    return (
        f'{before}<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>{body}</svg>'
    ).encode()


def refusal(data: bytes) -> str:
    with pytest.raises(ValidationError) as refused:
        store_picture(data)
    assert not Picture.objects.exists()
    return " ".join(refused.value.messages)


def technique_form(technique, **changes):
    return {
        "name_en": technique.name_en,
        "name_ru": technique.name_ru,
        "slug": technique.slug,
        "how_to_en": technique.how_to_en,
        "how_to_ru": technique.how_to_ru,
        "image_alt_en": "Hands on a foot.",
        "image_alt_ru": "Руки на стопе.",
        **changes,
    }


def upload(name: str, data: bytes, kind: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, kind)


# Item 14: an SVG may make the browser fetch nothing, however the CSS in it is spelled.


@pytest.mark.parametrize(
    ("body", "before", "words"),
    [
        # CSS escapes and comments that a pattern on the raw text does not see
        (f'<rect width="5" height="5" style="fill: u\\rl({ELSEWHERE})"/>', "", "rect"),
        (f'<rect width="5" height="5" style="fill: \\75 rl({ELSEWHERE})"/>', "", "rect"),
        (f'<rect width="5" height="5" style="fill:/**/URL({ELSEWHERE})"/>', "", "rect"),
        (f'<rect width="5" height="5" fill="u\\72l({ELSEWHERE})"/>', "", "rect"),
        # an XML character reference, decoded before the browser's CSS parser sees it
        (f'<rect width="5" height="5" fill="&#x75;rl({ELSEWHERE})"/>', "", "rect"),
        # functions that fetch without the letters url(
        (
            f'<rect width="5" height="5" style="fill: image-set(&quot;{ELSEWHERE}&quot; 1x)"/>',
            "",
            "image-set",
        ),
        (
            f'<rect width="5" height="5" style="fill: \\69mage-set(&quot;{ELSEWHERE}&quot; 1x)"/>',
            "",
            "image-set",
        ),
        # properties that fetch, or run, whatever their value looks like
        (f'<rect width="5" height="5" style="cursor: url({ELSEWHERE}), auto"/>', "", "cursor"),
        ('<rect width="5" height="5" style="background-image: none"/>', "", "background-image"),
        ('<rect width="5" height="5" style="width: expression(alert(1))"/>', "", "width"),
        ('<rect width="5" height="5" style="fill: var(--x)"/>', "", "var"),
        (f'<rect width="5" height="5" style="@import url({ELSEWHERE});"/>', "", "rect"),
        # a link to a file elsewhere, quoted, with spaces, or as data
        (f'<path d="M0 0" marker-end="url( \'{ELSEWHERE}#a\' )"/>', "", "marker-end"),
        ('<rect width="5" height="5" fill="url(data:image/png;base64,AAAA)"/>', "", "fill"),
        (f'<use href=" {ELSEWHERE}#a"/>', "", "use"),
        # attributes that are not on the list, even harmless-looking ones
        ('<rect width="5" height="5" filter="url(#blur)"/>', "", "filter"),
        ('<rect width="5" height="5" onload="alert(1)"/>', "", "onload"),
        # stylesheets, in the drawing or pulled in before it
        ("<style>rect { fill: red }</style>", "", "style"),
        ("<rect/>", f'<?xml-stylesheet type="text/css" href="{ELSEWHERE}.css"?>', "xml-stylesheet"),
        ('<?xml-stylesheet href="x.css"?><rect/>', "", "xml-stylesheet"),
    ],
    ids=[
        "css-escape-letter",
        "css-escape-hex",
        "css-comment-uppercase",
        "attribute-css-escape",
        "xml-char-ref",
        "image-set",
        "escaped-image-set",
        "cursor",
        "background-image",
        "expression",
        "var",
        "at-import-in-style",
        "quoted-marker-url",
        "data-url",
        "use-with-leading-space",
        "filter-attribute",
        "event-handler",
        "style-element",
        "stylesheet-pi-before",
        "stylesheet-pi-inside",
    ],
)
def test_an_svg_that_could_fetch_or_run_is_refused_with_its_reason(body, before, words):
    message = refusal(svg(body, before=before))
    assert "This SVG file" in message
    assert words in message


def test_the_refusal_names_the_element_and_the_attribute_or_property():
    assert "rect" in refusal(svg('<rect width="5" height="5" fill="url(https://a.example/b)"/>'))
    message = refusal(svg('<circle r="2" style="stroke: red; cursor: pointer"/>'))
    assert "circle" in message and "cursor" in message and "stroke" not in message


def test_a_doctype_is_refused_in_plain_words():
    assert "DOCTYPE" in refusal(
        b'<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">' + svg("<rect/>")
    )


@pytest.mark.parametrize("drawing", sorted(DRAWINGS.glob("*.svg")), ids=lambda path: path.stem)
def test_every_shipped_drawing_is_accepted_unchanged(drawing):
    data = drawing.read_bytes()
    assert bytes(store_picture(data).data) == data


def test_styled_shapes_gradients_and_arrowheads_inside_the_drawing_are_fine():
    body = (
        '<defs><linearGradient id="skin" x1="0" x2="1"><stop offset="0" stop-color="#fff"/>'
        '<stop offset="1" style="stop-color: rgb(242, 212, 192); stop-opacity: .8"/>'
        '</linearGradient><marker id="head" viewBox="0 0 10 10" orient="auto">'
        '<path d="M0 0L10 5 0 10z"/></marker></defs>'
        '<g style="fill: url(&quot;#skin&quot;); stroke: #8A5A44; stroke-width: 2px /* thin */">'
        '<ellipse cx="5" cy="5" rx="4" ry="3" transform="rotate(35 5 5)"/></g>'
        '<path d="M1 1 q 2 -2 4 0" style="fill:none;marker-end:url(#head)"/>'
        '<text x="1" y="9" style="font-family: \'Open Sans\', sans-serif; font-size: 2px">'
        "Heel</text>"
    )
    assert store_picture(svg(body)).content_type == "image/svg+xml"


def test_an_editor_uploading_an_svg_that_fetches_sees_why_and_nothing_is_stored(editor):
    technique = TechniqueFactory()
    before = set(Picture.objects.values_list("pk", flat=True))
    hostile = svg(f'<rect width="5" height="5" style="fill: u\\rl({ELSEWHERE})"/>')
    response = editor.post(
        reverse("admin:routines_technique_change", args=[technique.pk]),
        technique_form(technique, picture_file=upload("x.svg", hostile, "image/svg+xml")),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "This SVG file contains rect" in page and "style" in page
    assert set(Picture.objects.values_list("pk", flat=True)) == before


# Item 15: a stored photo says nothing of where it was taken or by whom.

GPS_IFD = 0x8825
ARTIST = 0x013B
ORIENTATION = 0x0112
# Rotate 90° clockwise to show: the stored pixels' left column is the picture's top row.
ROTATED = 6


def personal_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[ARTIST] = "Edith Editor"
    exif[ORIENTATION] = orientation
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (55.0, 45.0, 21.0), 3: "E", 4: (37.0, 37.0, 4.0)})
    return exif


XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
    b'22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" '
    b'dc:creator="Edith Editor"/></rdf:RDF></x:xmpmeta>'
)


def half_red_half_blue(width: int = 64, height: int = 32) -> Image.Image:
    image = Image.new("RGB", (width, height), (0, 0, 255))
    image.paste((255, 0, 0), (0, 0, width // 2, height))
    return image


def photo_jpeg(orientation: int = 1) -> bytes:
    out = io.BytesIO()
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    half_red_half_blue().save(
        out,
        "JPEG",
        exif=personal_exif(orientation),
        xmp=XMP,
        comment=b"Taken at Edith's home",
        icc_profile=srgb,
    )
    return out.getvalue()


def photo_png() -> bytes:
    info = PngInfo()
    info.add_text("Author", "Edith Editor")
    info.add_text("Comment", "Taken at Edith's home", zip=True)
    info.add_itxt("Description", "Edith's kitchen")
    out = io.BytesIO()
    half_red_half_blue().convert("RGBA").save(
        out, "PNG", pnginfo=info, exif=personal_exif(), dpi=(300, 300)
    )
    return out.getvalue()


def photo_webp() -> bytes:
    out = io.BytesIO()
    half_red_half_blue().save(out, "WEBP", exif=personal_exif(), xmp=XMP)
    return out.getvalue()


def carries_nothing_personal(data: bytes) -> None:
    for needle in (b"Edith", b"Exif", b"xmpmeta", b"ICC_PROFILE", b"home"):
        assert needle not in data, needle
    with Image.open(io.BytesIO(data)) as image:
        assert not dict(image.getexif())
        assert not {"exif", "xmp", "comment", "icc_profile", "Author", "Comment"} & set(image.info)


@pytest.mark.parametrize("make", [photo_jpeg, photo_png, photo_webp], ids=["jpeg", "png", "webp"])
def test_a_stored_photo_and_its_thumbnail_carry_no_metadata(make):
    original = make()
    assert b"Edith" in original  # the metadata is there to strip
    picture = store_picture(original)
    for data in (bytes(picture.data), bytes(picture.thumbnail)):
        carries_nothing_personal(data)
        # Nothing but pixels, segment by segment (the test's own look is the one above;
        # test_stored_pictures.py holds carries_metadata to files made part by part).
        assert not carries_metadata(data)


def test_the_digest_names_the_stored_bytes_and_the_same_upload_is_one_row():
    picture = store_picture(photo_jpeg())
    assert picture.digest == hashlib.sha256(bytes(picture.data)).hexdigest()
    assert row_values(photo_jpeg())["digest"] == picture.digest
    assert store_picture(photo_jpeg()) == picture
    assert Picture.objects.count() == 1


def test_a_rotated_photo_is_stored_upright_with_its_colours():
    picture = store_picture(photo_jpeg(orientation=ROTATED))
    assert (picture.width, picture.height) == (32, 64)
    with Image.open(io.BytesIO(bytes(picture.data))) as stored:
        assert stored.size == (32, 64)
        top, bottom = stored.getpixel((16, 8)), stored.getpixel((16, 56))
    assert isinstance(top, tuple) and isinstance(bottom, tuple)
    assert top[0] > 200 and top[2] < 60  # red on top: the left half, turned as the camera said
    assert bottom[2] > 200 and bottom[0] < 60


def test_a_photo_an_editor_uploads_is_served_without_its_gps_position(editor, client):
    technique = TechniqueFactory()
    response = editor.post(
        reverse("admin:routines_technique_change", args=[technique.pk]),
        technique_form(technique, picture_file=upload("hands.jpg", photo_jpeg(), "image/jpeg")),
    )
    assert response.status_code == 302
    technique.refresh_from_db()
    url = client.get(f"/api/v1/techniques/{technique.slug}/").json()["image"]["url"]
    carries_nothing_personal(client.get(url).content)


# Item 16: a refused form stores nothing; pictures no item shows go after a grace period.


def test_a_refused_technique_form_stores_no_picture(editor):
    technique = TechniqueFactory()
    before = Picture.objects.count()
    response = editor.post(
        reverse("admin:routines_technique_change", args=[technique.pk]),
        technique_form(
            technique, name_en="", picture_file=upload("hands.jpg", photo_jpeg(), "image/jpeg")
        ),
    )
    assert response.status_code == 200  # refused: the name is missing
    assert Picture.objects.count() == before


def test_a_routine_refused_for_one_of_its_steps_stores_no_picture(editor):
    routine = RoutineFactory(slug="ready", title_en="Ready")
    StepFactory(routine=routine, position=1)
    webs = ZoneFactory(slug="webs", recommended_pressure=1, max_pressure=2)
    before = Picture.objects.count()
    data = saved_form(routine) | {
        "steps-0-zones": [str(webs.pk)],
        "steps-0-pressure": "4",  # harder than the webs allow: the step is refused
        "steps-0-area": "",
        "picture_file": upload("feet.png", photo_png(), "image/png"),
        "image_alt_en": "Feet.",
    }
    response = editor.post(reverse("admin:routines_routine_change", args=[routine.pk]), data)
    assert response.status_code == 200
    assert "allows at most pressure 2" in response.content.decode()
    assert Picture.objects.count() == before
    routine.refresh_from_db()
    assert routine.picture is None


def age(picture, days):
    Picture.objects.filter(pk=picture.pk).update(created_at=timezone.now() - timedelta(days=days))


def prune(*arguments: str) -> str:
    out = io.StringIO()
    call_command("prune_pictures", *arguments, stdout=out)
    return out.getvalue()


def test_a_replaced_photo_is_removed_after_the_grace_period(editor, client):
    technique = TechniqueFactory()
    old = technique.picture
    url = reverse("admin:routines_technique_change", args=[technique.pk])
    form = technique_form(technique, picture_file=upload("hands.jpg", photo_jpeg(), "image/jpeg"))
    assert editor.post(url, form).status_code == 302
    technique.refresh_from_db()
    assert technique.picture != old
    old_address = f"/pictures/{old.digest}.svg"
    assert client.get(old_address).status_code == 200  # replaced, still there for a while

    assert "Nothing to remove" in prune()  # within the grace period (7 days by default)
    age(old, days=8)
    age(technique.picture, days=30)  # old, but shown
    assert "Would remove 1 picture" in prune("--dry-run")
    assert Picture.objects.filter(pk=old.pk).exists()
    assert "Removed 1 picture" in prune()
    assert not Picture.objects.filter(pk=old.pk).exists()
    assert client.get(old_address).status_code == 404
    assert client.get(f"/api/v1/techniques/{technique.slug}/").status_code == 200


def test_prune_keeps_what_any_item_shows_and_honours_the_grace_period():
    shown_by_technique = TechniqueFactory().picture
    shown_by_routine = store_picture(photo_png())
    RoutineFactory(picture=shown_by_routine)
    unused_recent = store_picture(photo_jpeg())
    unused_old = store_picture(photo_webp())
    for picture in (shown_by_technique, shown_by_routine, unused_old):
        age(picture, days=3)
    assert "Removed 1 picture" in prune("--grace-days", "2")
    assert set(Picture.objects.all()) == {shown_by_technique, shown_by_routine, unused_recent}


def test_prune_finds_every_model_that_points_at_a_picture():
    from footcare.content.picture_pruning import picture_references

    pointing = {
        (field.model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is Picture
    }
    assert {(Technique, "picture"), (Routine, "picture")} <= pointing
    assert {(ref.model, ref.name) for ref in picture_references()} == pointing


# serialized_rollback, like every transactional test here: a flush without it re-runs the
# post_migrate handlers, and a later serialized test would then load its rows twice.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_old_unused_picture_being_attached_is_not_pruned_under_the_editor():
    """An editor's save finds an old unused picture by its digest while prune runs: the row
    the save holds is skipped, not removed under it (PostgreSQL row locks)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite lets one writer at a time: there is no such interleaving")
    old = store_picture(photo_png())
    age(old, days=30)
    technique = TechniqueFactory()
    attached, go_on = threading.Event(), threading.Event()

    def editor_saves() -> None:
        try:
            with transaction.atomic():
                technique.picture = store_picture(photo_png())  # found by digest: the old row
                attached.set()
                go_on.wait(10)
                technique.save()
        finally:
            connection.close()

    editor = threading.Thread(target=editor_saves)
    editor.start()
    assert attached.wait(10)
    try:
        assert "Nothing to remove" in prune()  # the row being attached is skipped
    finally:
        go_on.set()
        editor.join(10)
    technique.refresh_from_db()
    assert technique.picture_id == old.pk


def history_of(item):
    return Version.objects.get_for_object(item)


def test_restoring_a_version_whose_picture_was_pruned_asks_for_a_picture(editor):
    technique = TechniqueFactory(name_en="Stroking")
    url = reverse("admin:routines_technique_change", args=[technique.pk])
    assert editor.post(url, technique_form(technique)).status_code == 302
    first, old = history_of(technique).first(), technique.picture
    renamed = technique_form(
        technique, name_en="Gliding", picture_file=upload("a.png", photo_png(), "image/png")
    )
    assert editor.post(url, renamed).status_code == 302
    age(old, days=30)
    assert "Removed 1 picture" in prune()

    restore = reverse("admin:routines_technique_revision", args=[technique.pk, first.pk])
    form = revision_form_data(editor.get(restore))
    refused = editor.post(restore, form)
    assert refused.status_code == 200
    assert "Add a picture that shows it." in refused.content.decode()
    technique.refresh_from_db()
    assert technique.name_en == "Gliding"

    photo = upload("b.jpg", photo_jpeg(), "image/jpeg")
    assert editor.post(restore, form | {"picture_file": photo}).status_code == 302
    technique.refresh_from_db()
    assert technique.name_en == "Stroking" and technique.picture.content_type == "image/jpeg"


def test_a_routine_restored_without_its_pruned_picture_shows_the_foot_map(editor):
    routine = RoutineFactory(slug="calm", picture=store_picture(photo_png()))
    StepFactory(routine=routine, position=1)
    first, old = history_of(routine).first(), routine.picture
    routine.picture = store_picture(photo_webp())
    routine.save()
    age(old, days=30)
    assert "Removed 1 picture" in prune()
    restore = reverse("admin:routines_routine_revision", args=[routine.pk, first.pk])
    response = editor.post(restore, revision_form_data(editor.get(restore)))
    assert response.status_code == 302
    routine.refresh_from_db()
    assert routine.picture is None


def test_a_version_naming_a_removed_picture_is_refused_in_words_on_any_path():
    technique = TechniqueFactory()
    first, old = history_of(technique).first(), technique.picture
    technique.picture = store_picture(photo_png())
    technique.save()
    age(old, days=30)
    prune()
    with pytest.raises(ValidationError) as refused, deferred():
        first.revision.revert()
    assert "shows a picture that was removed since" in " ".join(refused.value.messages)


# Item 19: a drawing too big for the picture table is refused, not a server error.


@pytest.mark.parametrize(
    ("attributes", "words"),
    [
        ('width="3000000000" height="10"', "more than 6000 pixels"),
        ('viewBox="0 0 10 99999999999"', "more than 6000 pixels"),
        ('viewBox="0 0 1e999 10"', "more than 6000 pixels"),
        ('viewBox="0 0 -40 10"', "no size"),
        ('viewBox="0 0 nan 10"', "no size"),
        ('width="0" height="0"', "no size"),
        ('width="6001" height="1"', "more than 6000 pixels"),
    ],
)
def test_an_svg_whose_size_does_not_fit_is_refused_in_plain_words(attributes, words):
    assert words in refusal(svg('<rect width="1" height="1"/>', attributes=attributes))


def test_an_editor_uploading_a_drawing_wider_than_the_database_holds_sees_why(editor):
    technique = TechniqueFactory()
    huge = svg('<rect width="1" height="1"/>', attributes='width="3000000000" height="10"')
    response = editor.post(
        reverse("admin:routines_technique_change", args=[technique.pk]),
        technique_form(technique, picture_file=upload("huge.svg", huge, "image/svg+xml")),
    )
    assert response.status_code == 200
    assert "more than 6000 pixels wide or high" in response.content.decode()


def test_a_drawing_of_the_largest_size_fits():
    picture = store_picture(svg("<rect/>", attributes='viewBox="0 0 6000 6000"'))
    assert (picture.width, picture.height) == (6000, 6000)
