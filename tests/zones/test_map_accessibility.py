"""A foot map people can read: it scales, speaks their language, numbers its zones and names
them in a legend, and tells a screen reader what it shows. Plus the traditional overlaps a
zone lists, and the pressure limits they carry."""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from footcare.content.guards import UnsafeChange
from tests.factories import StepFactory, ZoneFactory, published_routine

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def svg(api, language: str = "en") -> ET.Element:
    response = api.get(
        reverse("v1:foot-map-svg") + "?foot=right&view=dorsal", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    return ET.fromstring(response.content)


def test_the_map_scales_and_has_a_title_and_description_in_the_requests_language(api, small_map):
    english, russian = svg(api), svg(api, "ru")
    assert english.get("viewBox") and english.get("width") is None and english.get("height") is None
    assert english.get("role") == "img"
    assert english.get("aria-labelledby") == "map-title map-desc"
    assert english.findtext(f"{SVG}title") == "Foot map: Right foot, Top (dorsal)"
    assert russian.findtext(f"{SVG}title") == "Карта стопы: Правая стопа, Тыльная сторона стопы"
    assert "numbered" in (english.findtext(f"{SVG}desc") or "")
    assert "пронумерована" in (russian.findtext(f"{SVG}desc") or "")


def test_every_zone_is_numbered_on_the_drawing_and_named_in_the_legend(api, small_map):
    root = svg(api, "ru")
    numbers = [text.text for text in root.iter(f"{SVG}text") if text.get("class") == "zone-number"]
    legend = root.find(f"{SVG}g[@class='legend']")
    assert legend is not None
    lines = ["".join(text.itertext()) for text in legend.findall(f"{SVG}text")]
    assert numbers == ["1", "2"]
    assert lines == ["Зоны", "1. Пазухи носа", "2. Между пальцами"]


def test_a_zone_lists_the_zones_charts_draw_over_it(api, small_map):
    gallbladder = ZoneFactory(
        slug="gallbladder", foot="right", recommended_pressure=2, max_pressure=2
    )
    small_map["liver"].overlaps.add(gallbladder)
    liver = api.get(reverse("v1:zone-detail", args=["liver"])).json()
    assert [zone["slug"] for zone in liver["overlaps"]] == ["gallbladder"]
    other_way = api.get(reverse("v1:zone-detail", args=["gallbladder"])).json()
    assert [zone["slug"] for zone in other_way["overlaps"]] == ["liver"]


def test_a_step_keeps_to_the_limits_of_the_zones_drawn_over_its_own(small_map):
    liver = small_map["liver"]
    gallbladder = ZoneFactory(
        slug="gallbladder", foot="right", recommended_pressure=2, max_pressure=2
    )
    liver.overlaps.add(gallbladder)
    routine = published_routine("liver-work", steps=1, zones=[liver])
    step = routine.steps.get()
    assert step.pressure == 2

    # Lowering the overlapped zone's limit below the step is refused, naming the routine.
    gallbladder.max_pressure = 1
    gallbladder.recommended_pressure = 1
    with pytest.raises(UnsafeChange, match="Published routine"):
        gallbladder.save()

    # And a step pressing the liver harder than the gallbladder allows is refused.
    candidate = StepFactory.build(routine=routine, foot="right", pressure=3, area=None)
    with pytest.raises(ValidationError) as refused:
        candidate.check_safety([liver])
    assert "(drawn over its zones) allows at most pressure 2" in str(refused.value)


def test_a_step_can_highlight_where_to_press_in_json_and_svg(api, shipped_pack):
    url = reverse("v1:foot-map")
    base = {"foot": "right", "view": "plantar"}
    plain = api.get(url, base).json()["zones"]
    assert plain and not any(zone["highlighted"] for zone in plain)
    # The liver is on the right foot; the spleen (left only) and an unknown slug are left out.
    chosen = api.get(url, {**base, "highlight": "liver,solar-plexus,spleen,no-such-zone"})
    lit = {zone["slug"] for zone in chosen.json()["zones"] if zone["highlighted"]}
    assert lit == {"liver", "solar-plexus"}
    svg = api.get(reverse("v1:foot-map-svg"), {**base, "highlight": "liver"}).content.decode()
    assert svg.count('fill-opacity="0.85"') == 1  # the liver, drawn strongly
    assert 'id="zone-liver"' in svg


@pytest.mark.parametrize(
    "highlight", ["", "liver,,spleen", "liv er", "x" * 51, ",".join(["liver"] * 51)]
)
def test_a_malformed_highlight_is_a_400(api, shipped_pack, highlight):
    answer = api.get(
        reverse("v1:foot-map"), {"foot": "right", "view": "plantar", "highlight": highlight}
    )
    assert answer.status_code == 400
    assert [error["field"] for error in answer.json()["errors"]] == ["highlight"]
