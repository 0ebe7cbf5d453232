"""Pictures: every technique and routine has one, served with its size, description, a
thumbnail and an ETag; uploads are checked before anything is stored."""

import importlib
import io
import random
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

import routines
from footcare.content import journal
from footcare.content.pictures import store_picture
from footcare.models import ContentChange, Picture
from routines.models import Technique
from tests.factories import (
    DRAWING,
    FootOutlineFactory,
    RoutineFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
)

pytestmark = pytest.mark.django_db


def png(width, height, mode="RGB"):
    out = io.BytesIO()
    Image.new(mode, (width, height), "white").save(out, format="PNG")
    return out.getvalue()


def noisy_png(side):
    out = io.BytesIO()
    noise = random.Random(1).randbytes(side * side)  # noqa: S311 - a test picture, not a secret
    Image.frombytes("L", (side, side), noise).save(out, "PNG")
    return out.getvalue()


def svg(body, attributes='viewBox="0 0 10 10"'):
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" '
        f'xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>{body}</svg>'
    ).encode()


def test_a_raster_upload_gets_its_size_and_a_thumbnail_within_320_pixels():
    picture = store_picture(png(1600, 900))
    assert (picture.content_type, picture.width, picture.height) == ("image/png", 1600, 900)
    assert (picture.thumbnail_width, picture.thumbnail_height) == (320, 180)
    with Image.open(io.BytesIO(bytes(picture.thumbnail))) as thumbnail:
        assert thumbnail.size == (320, 180) and thumbnail.format == "PNG"
    assert store_picture(png(1600, 900)) == picture  # the same bytes: the same row
    assert Picture.objects.count() == 1


def test_an_svg_drawing_keeps_its_size_and_needs_no_thumbnail():
    picture = store_picture(DRAWING)
    assert (picture.content_type, picture.width, picture.height) == ("image/svg+xml", 40, 20)
    assert bytes(picture.thumbnail) == b""


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"GIF89a" + b"\0" * 40, "not a picture we can use"),
        (noisy_png(64)[:300], "not a picture we can use"),  # cut short
        (b"\x89PNG" + b"\0" * (5 * 1024 * 1024), "larger than 5 MB"),
        (png(6001, 10, "1"), "more than 6000 pixels"),
        (svg("<script>alert(1)</script>"), "contains script"),
        (svg('<rect width="5" height="5" onclick="alert(1)"/>'), "contains rect"),
        (svg('<use xlink:href="https://example.org/x.svg#a"/>'), "contains use"),
        (svg('<rect width="5" height="5" fill="url(https://example.org/p)"/>'), "contains rect"),
        (svg("<foreignObject><p>hi</p></foreignObject>"), "contains foreignObject"),
        (svg("<style>@import url(x.css);</style>"), "contains style"),
        (b'<!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg"/>', "read"),
        (svg("<rect/>", attributes=""), "no size"),
        (b"<svg><unclosed></svg>", "cannot be read"),
    ],
    ids=[
        "empty",
        "gif",
        "truncated",
        "too-large",
        "too-wide",
        "script",
        "event-handler",
        "outside-link",
        "outside-url",
        "html",
        "style-import",
        "doctype",
        "no-size",
        "broken-xml",
    ],
)
def test_what_is_not_a_safe_picture_is_refused_in_plain_words(data, words):
    with pytest.raises(ValidationError) as refused:
        store_picture(data)
    assert words in " ".join(refused.value.messages)
    assert not Picture.objects.exists()


def test_arrowheads_pointing_inside_the_drawing_and_labels_are_fine():
    body = (
        '<text x="1" y="9">Heel<tspan font-weight="bold"> →</tspan></text>'
        '<defs><marker id="head"><path d="M0 0 L10 5 L0 10 Z"/></marker></defs>'
        '<path d="M0 0 L5 5" marker-end="url(#head)"/><use href="#head"/>'
    )
    assert store_picture(svg(body)).content_type == "image/svg+xml"


def test_a_picture_is_served_with_a_digest_etag_for_a_year_and_304_when_unchanged(client):
    technique = TechniqueFactory(picture=store_picture(png(800, 400)))
    image = client.get(reverse("v1:technique-detail", args=[technique.slug])).json()["image"]
    assert (image["width"], image["height"], image["content_type"]) == (800, 400, "image/png")
    assert image["alt"] == "Two palms on a foot."
    assert image["thumbnail"]["width"] == 320 and image["thumbnail"]["url"] != image["url"]
    full = client.get(image["url"])
    assert full.status_code == 200 and full["Content-Type"] == "image/png"
    assert full.content == bytes(technique.picture.data)
    assert full["Cache-Control"] == "public, max-age=31536000, immutable"
    assert full["ETag"] == f'"{technique.picture.digest}"'
    assert client.get(image["url"], HTTP_IF_NONE_MATCH=full["ETag"]).status_code == 304
    small = client.get(image["thumbnail"]["url"])
    with Image.open(io.BytesIO(small.content)) as thumbnail:
        assert thumbnail.size == (320, 160)
    assert small["ETag"] != full["ETag"]


@pytest.mark.parametrize(
    "name",
    ["0" * 64 + ".png", "{digest}.svg", "{digest}.large.png", "../settings.py", "{digest}"],
)
def test_an_unknown_picture_address_is_a_404(client, name):
    picture = store_picture(png(10, 10))
    assert client.get(f"/pictures/{name.format(digest=picture.digest)}").status_code == 404


def test_a_served_svg_may_run_nothing(client):
    technique = TechniqueFactory()
    response = client.get(
        client.get(f"/api/v1/techniques/{technique.slug}/").json()["image"]["url"]
    )
    assert response["Content-Type"] == "image/svg+xml"
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_routine_without_a_picture_shows_where_it_works(client):
    FootOutlineFactory(view="dorsal")
    zone = ZoneFactory(slug="webs", shapes={"dorsal": [[[0.3, 0.3], [0.4, 0.3], [0.35, 0.4]]]})
    ZoneFactory(slug="heel", shapes={"plantar": [[[0.3, 0.8], [0.4, 0.8], [0.35, 0.9]]]})
    routine = RoutineFactory(slug="calm", title_en="Calm evening")
    StepFactory(routine=routine, zones=[zone], foot="left")
    routine.publish()
    image = client.get(reverse("v1:routine-detail", args=["calm"])).json()["image"]
    assert re.fullmatch(r"/api/v1/routines/calm/map\.en\.[0-9a-f]{16}\.svg", image["url"])
    assert (image["width"], image["height"]) == (1000, 1000)
    assert image["alt"] == "The foot map with the zones that “Calm evening” works highlighted."
    russian = client.get(reverse("v1:routine-detail", args=["calm"]), HTTP_ACCEPT_LANGUAGE="ru")
    assert russian.json()["image"]["alt"].startswith("Карта стопы с выделенными зонами")
    drawing = client.get(image["url"])
    assert drawing.status_code == 200 and drawing["Content-Type"].startswith("image/svg+xml")
    text = drawing.content.decode()
    assert 'viewBox="0 0 1000 1000"' in text
    # The left foot, seen from above (where its only zone is), with that zone highlighted.
    assert "left foot" in text.lower() and "dorsal" in text.lower()
    webs = re.search(r'id="zone-webs"[^>]*fill="([^"]+)"', text)
    assert webs and webs.group(1) == "#3a6fd8"
    assert 'id="zone-heel"' not in text  # on the sole, not drawn on this view
    assert client.get("/api/v1/routines/nothing-here/map.svg").status_code == 404


def test_an_uploaded_routine_picture_replaces_the_map(client):
    routine = RoutineFactory(slug="calm", picture=store_picture(png(640, 480)))
    routine.image_alt_en = "Feet resting on a towel."
    routine.save()
    StepFactory(routine=routine)
    routine.publish()
    image = client.get(reverse("v1:routine-list")).json()["results"][0]["image"]
    assert image["url"].startswith("/pictures/") and image["alt"] == "Feet resting on a towel."
    assert (image["width"], image["height"]) == (640, 480)


def test_uploading_in_the_admin_checks_the_file_and_keeps_what_was_typed(admin_client):
    technique = TechniqueFactory()
    url = reverse("admin:routines_technique_change", args=[technique.pk])
    form = {
        "name_en": "Gliding",
        "name_ru": "Скольжение",
        "slug": technique.slug,
        "how_to_en": "Glide.",
        "how_to_ru": "Скользите.",
        "image_alt_en": "A photo of hands.",
        "image_alt_ru": "Фото рук.",
    }
    hostile = SimpleUploadedFile("x.svg", svg("<script>alert(1)</script>"), "image/svg+xml")
    refused = admin_client.post(url, {**form, "picture_file": hostile})
    assert refused.status_code == 200
    assert "contains script" in refused.content.decode()
    technique.refresh_from_db()
    assert technique.name_en == "Stroking"  # nothing saved

    start = journal.current_position()
    photo = SimpleUploadedFile("hands.png", png(900, 600), "image/png")
    saved = admin_client.post(url, {**form, "picture_file": photo})
    assert saved.status_code == 302, saved.content.decode()[:2000]
    technique.refresh_from_db()
    assert (technique.picture.width, technique.name_en) == (900, "Gliding")
    changes = ContentChange.objects.filter(position__gt=start)
    assert changes.filter(resource="technique", slug=technique.slug, action="upsert").exists()
    listing = admin_client.get(reverse("admin:routines_technique_changelist"))
    assert f"/pictures/{technique.picture.digest}.thumbnail.png" in listing.content.decode()


def test_an_upload_over_5_mb_is_refused_before_it_is_read(admin_client, monkeypatch):
    technique = TechniqueFactory()
    stored: list[bytes] = []
    monkeypatch.setattr("footcare.admin.pictures.row_values", stored.append)
    big = SimpleUploadedFile("big.png", b"\0" * (5 * 1024 * 1024 + 1), "image/png")
    response = admin_client.post(
        reverse("admin:routines_technique_change", args=[technique.pk]),
        {"name_en": "Stroking", "name_ru": "Поглаживание", "slug": technique.slug,
         "how_to_en": "Glide.", "how_to_ru": "Скользите.", "image_alt_en": "Hands.",
         "image_alt_ru": "Руки.", "picture_file": big},
    )  # fmt: skip
    assert "larger than 5 MB" in response.content.decode()
    assert stored == []  # refused on its size, never read or decoded


def test_a_new_technique_needs_a_picture(admin_client):
    response = admin_client.post(
        reverse("admin:routines_technique_add"),
        {
            "name_en": "Tapping",
            "name_ru": "Постукивание",
            "slug": "tapping",
            "how_to_en": "Tap.",
            "how_to_ru": "Постукивайте.",
            "image_alt_en": "Fingers tap a sole.",
            "image_alt_ru": "Пальцы постукивают по подошве.",
        },
    )
    assert response.status_code == 200
    assert "Add a picture that shows it." in response.content.decode()
    assert not Technique.objects.filter(slug="tapping").exists()


def test_existing_techniques_get_the_packs_drawing_or_the_hands_holding_a_foot():
    shipped = TechniqueFactory(slug="kneading")
    own = TechniqueFactory(slug="tapping-by-an-editor")
    importlib.import_module("routines.migrations.0007_pictures").give_pictures(apps, None)
    shipped.refresh_from_db()
    own.refresh_from_db()
    drawings = Path(routines.__file__).parent / "data" / "images" / "techniques"
    assert bytes(shipped.picture.data) == (drawings / "kneading.svg").read_bytes()
    assert bytes(own.picture.data) == (drawings / "holding.svg").read_bytes()
    assert own.image_alt_ru.startswith("Стопа спокойно лежит")


# Last: the module-scoped shipped pack stays loaded for the tests after it.
def test_every_shipped_technique_and_routine_has_a_picture_described_in_both_languages(
    client, shipped_pack
):
    for language in ("en", "ru"):
        for collection in ("techniques", "routines"):
            page = client.get(f"/api/v1/{collection}/?limit=500", HTTP_ACCEPT_LANGUAGE=language)
            for item in page.json()["results"]:
                image = item["image"]
                assert image["alt"] and image["width"] > 0 and image["height"] > 0, item["slug"]
                assert client.get(image["url"]).status_code == 200, image["url"]
                if language == "ru":
                    assert re.search("[а-яё]", image["alt"], re.IGNORECASE), item["slug"]
    drawings = set(Technique.objects.values_list("picture__digest", flat=True))
    assert len(drawings) == Technique.objects.count()  # each its own drawing
