"""A routine's drawn picture has an address per language and content (issue 24, point 3).

Image caches on phones key by URL: the address must name the language and change whenever
the drawing does, so that its bytes can be kept for a year; every answer that names the
picture names the same address, a delta sync carries the routine when it moves, and the
addresses a client stored before (another fingerprint, a former slug, the address without a
language) lead to the picture as it is now.
"""

import re

import pytest
from django.urls import reverse

from footcare.content.pictures import store_picture
from routines.models import Routine
from tests.api.lean_client import apply_delta, by_id
from tests.conftest import fresh, made_once_per_module
from tests.factories import (
    DRAWING,
    AreaFactory,
    FootOutlineFactory,
    LandmarkFactory,
    RoutineFactory,
    StepFactory,
    ZoneFactory,
)
from zones.models import AreaShape, FootOutline, Landmark, Zone, ZoneShape

pytestmark = pytest.mark.django_db

ADDRESS = re.compile(
    r"/api/v1/routines/(?P<slug>[-\w]+)/map\.(?P<language>en|ru)\.[0-9a-f]{16}\.svg"
)
YEAR = "public, max-age=31536000, immutable"
LEAN = reverse("v1:lean-sync")
TRIANGLE = [[[0.2, 0.2], [0.6, 0.2], [0.4, 0.6]]]
SMALLER = [[[0.3, 0.3], [0.5, 0.3], [0.4, 0.5]]]


def make_calm() -> dict:
    """A published routine with no picture of its own, pressing one zone and one area on the
    sole; another zone on the sole that it does not press."""
    FootOutlineFactory(view="plantar")
    LandmarkFactory()
    pressed = ZoneFactory(slug="webs", name_en="Webs", name_ru="Перепонки")
    ZoneFactory(slug="heel", name_en="Heel", name_ru="Пятка")
    sole = AreaFactory(slug="whole-sole")
    AreaShape.objects.create(
        area=sole, view="plantar", polygons=[[[0.2, 0.2], [0.6, 0.2], [0.4, 0.6]]]
    )
    routine = RoutineFactory(slug="calm", title_en="Calm evening", title_ru="Спокойный вечер")
    StepFactory(routine=routine, zones=[pressed])
    StepFactory(routine=routine, zones=[], area=sole)
    routine.publish()
    return {"calm": routine}


_calm = made_once_per_module(make_calm)


@pytest.fixture
def calm(db, _calm):
    return fresh(_calm)["calm"]


def picture(api, language="en", slug="calm"):
    url = reverse("v1:routine-detail", args=[slug])
    return api.get(url, HTTP_ACCEPT_LANGUAGE=language).json()["image"]["url"]


def test_each_language_has_its_own_address_and_bytes_kept_for_a_year(api, calm):
    english, russian = picture(api, "en"), picture(api, "ru")
    assert all(ADDRESS.fullmatch(url) for url in (english, russian))
    assert (english.split(".")[1], russian.split(".")[1]) == ("en", "ru")
    # The address, not the request's header, says the language: a phone set to English that
    # stored the Russian address still gets the Russian picture.
    drawn = api.get(russian, HTTP_ACCEPT_LANGUAGE="en")
    assert drawn.status_code == 200 and drawn["Cache-Control"] == YEAR
    assert "Спокойный вечер" in drawn.content.decode()
    assert "Calm evening" in api.get(english, HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    again = api.get(english, HTTP_IF_NONE_MATCH=api.get(english)["ETag"])
    assert again.status_code == 304


def test_the_drawing_shows_what_the_routine_works_and_nothing_else(api, calm):
    svg = api.get(picture(api)).content.decode()
    assert 'id="zone-webs"' in svg and 'id="area-whole-sole"' in svg
    assert 'id="zone-heel"' not in svg  # on the same view, but no step presses it


def test_every_answer_that_names_the_picture_names_the_same_address(api, calm):
    for language in ("en", "ru"):
        expected = picture(api, language)
        listed = api.get(reverse("v1:routine-list"), HTTP_ACCEPT_LANGUAGE=language).json()
        full = api.get(reverse("v1:sync"), HTTP_ACCEPT_LANGUAGE=language).json()
        lean = api.get(LEAN, HTTP_ACCEPT_LANGUAGE=language).json()
        named = {
            listed["results"][0]["image"]["url"],
            full["upserts"]["routines"][0]["image"]["url"],
            full["upserts"]["routines"][0]["image"]["thumbnail"]["url"],
            lean["upserts"]["routines"][0]["image"]["url"],
        }
        assert named == {expected}


def _move_a_shape(calm):
    ZoneShape.objects.filter(zone__slug="webs").update(polygons=SMALLER)


def _rename_the_zone(calm):
    zone = Zone.objects.get(slug="webs")
    zone.name_ru = "Межпальцевые промежутки"
    zone.save()


def _redraw_the_area(calm):
    shape = AreaShape.objects.get(area__slug="whole-sole")
    shape.polygons = [[[0.1, 0.1], [0.6, 0.1], [0.4, 0.7]]]
    shape.save()


def _redraw_the_outline(calm):
    outline = FootOutline.objects.get(view="plantar")
    outline.points = [[0.2, 0.0], [0.8, 0.0], [0.8, 1.0], [0.2, 1.0]]
    outline.save()


def _move_a_landmark(calm):
    Landmark.objects.filter(slug="waistline").update(points=[[0.1, 0.45], [0.9, 0.45]])


def _retitle_the_routine(calm):
    calm.title_ru = "Тихий вечер"
    calm.save()


def _press_another_zone(calm):
    calm.steps.first().zones.add(Zone.objects.get(slug="heel"))


@pytest.mark.parametrize(
    "change",
    [
        _move_a_shape,
        _rename_the_zone,
        _redraw_the_area,
        _redraw_the_outline,
        _move_a_landmark,
        _retitle_the_routine,
        _press_another_zone,
    ],
)
def test_a_change_to_what_is_drawn_moves_the_address_and_the_delta_carries_it(api, calm, change):
    before = picture(api, "ru")
    full = api.get(LEAN, HTTP_ACCEPT_LANGUAGE="ru").json()
    change(calm)
    after = picture(api, "ru")
    assert after != before
    # An app that applies the delta has the new address, as a fresh full sync has.
    copy = by_id(full["upserts"])
    apply_delta(
        copy, api.get(LEAN, {"token": full["next_token"]}, HTTP_ACCEPT_LANGUAGE="ru").json()
    )
    assert copy["routines"][str(calm.uuid)]["image"]["url"] == after
    # The old address leads to the new one, and is not kept: it may change again.
    moved = api.get(before)
    assert (moved.status_code, moved["Location"]) == (302, after)
    assert moved["Cache-Control"] == "no-cache"


def test_a_change_to_another_zone_moves_nothing(api, calm):
    before = picture(api, "en")
    token = api.get(LEAN).json()["next_token"]
    heel = Zone.objects.get(slug="heel")
    heel.name_en = "Heel pad"
    heel.save()
    ZoneShape.objects.filter(zone=heel).update(polygons=[[[0.3, 0.8], [0.4, 0.8], [0.35, 0.9]]])
    assert picture(api, "en") == before
    delta = api.get(LEAN, {"token": token}).json()
    assert delta["upserts"]["zones"] and not delta["upserts"]["routines"]


def test_a_routine_with_its_own_picture_is_not_resent_when_a_zone_moves(api, calm):
    calm.picture = store_picture(DRAWING)
    calm.save()
    token = api.get(LEAN).json()["next_token"]
    _move_a_shape(calm)
    assert not api.get(LEAN, {"token": token}).json()["upserts"]["routines"]


def test_a_former_slug_is_301_to_the_same_picture_at_its_new_slug(api, calm):
    before = picture(api, "en")
    calm.slug = "calm-evening"
    calm.save()
    after = picture(api, "en", slug="calm-evening")
    assert after == before.replace("/calm/", "/calm-evening/")  # the drawing did not change
    moved = api.get(before)
    assert (moved.status_code, moved["Location"]) == (301, after)
    assert moved["Cache-Control"] == "no-cache"  # a rename back would make a kept one loop


def test_the_address_without_a_language_leads_to_the_current_picture(api, calm):
    for language in ("en", "ru"):
        old = api.get("/api/v1/routines/calm/map.svg", HTTP_ACCEPT_LANGUAGE=language)
        assert (old.status_code, old["Location"]) == (302, picture(api, language))
        assert old["Cache-Control"] == "no-cache" and "Deprecation" in old


@pytest.mark.parametrize(
    "address",
    [
        "/api/v1/routines/calm/map.de.0123456789abcdef.svg",  # a language we do not draw in
        "/api/v1/routines/calm/map.en.0123456789ABCDEF.svg",  # not a fingerprint we give
        "/api/v1/routines/calm/map.en.0123.svg",
        "/api/v1/routines/nothing/map.en.0123456789abcdef.svg",
        "/api/v1/routines/nothing/map.svg",
    ],
)
def test_an_address_we_never_gave_is_a_404(api, calm, address):
    assert api.get(address).status_code == 404


def test_a_withdrawn_routine_has_no_picture(api, calm):
    address = picture(api)
    Routine.objects.get(slug="calm").withdraw()
    assert api.get(address).status_code == 404
    assert api.get("/api/v1/routines/calm/map.svg").status_code == 404
