"""The zone admin as an editor meets it: lists, filters, the map preview, plain-word errors."""

import re

import pytest
from django.urls import reverse

from tests.factories import BodyPartFactory, FootOutlineFactory, SourceFactory
from zones.models import FootOutline, Zone

pytestmark = pytest.mark.django_db


def zone_form(**overrides):
    part = BodyPartFactory(slug="kidneys")
    source = SourceFactory(slug="kunz")
    data = {
        "name_en": "Kidneys",
        "name_ru": "Почки",
        "slug": "kidneys",
        "description_en": "Middle of the arch.",
        "description_ru": "Середина свода.",
        "body_parts": [part.pk],
        "foot": "both",
        "region": "arch",
        "longitudinal_zones": ["2", "3"],
        "sensitivity": "medium",
        "skin": "normal",
        "recommended_pressure": "3",
        "max_pressure": "4",
        "tradition": "common",
        "sources": [source.pk],
        "shapes-TOTAL_FORMS": "1",
        "shapes-INITIAL_FORMS": "0",
        "shapes-MIN_NUM_FORMS": "0",
        "shapes-MAX_NUM_FORMS": "1000",
        "shapes-0-view": "plantar",
        "shapes-0-polygons": "[[[0.4, 0.5], [0.5, 0.5], [0.5, 0.56], [0.4, 0.56]]]",
    }
    data.update(overrides)
    return data


def test_changelist_filters_and_search(admin_client, small_map):
    url = reverse("admin:zones_zone_changelist")
    page = admin_client.get(url)
    assert page.status_code == 200
    for label in ("By foot", "By region", "By sensitivity", "By system", "By view"):
        assert label.lower() in page.content.decode().lower()
    found = admin_client.get(url, {"q": "печ"}).content.decode()
    assert "Liver" in found and "Sinuses" not in found
    assert admin_client.get(url, {"q": "(["}).status_code == 200
    filtered = admin_client.get(url, {"sensitivity__exact": "high"}).content.decode()
    assert "Between the toes" in filtered and "Liver" not in filtered


FIGURE = re.compile(
    r'<figure class="zone-map" data-view="(\w+)" data-foot="(\w+)"( hidden)?>(.*?)</figure>', re.S
)


def preview(page: str) -> dict[tuple[str, str], tuple[bool, str]]:
    """Each map of the change form: (view, foot) -> (shown, its SVG)."""
    return {(view, foot): (not hidden, svg) for view, foot, hidden, svg in FIGURE.findall(page)}


def test_zone_page_draws_the_zone_on_the_foot(admin_client, small_map):
    liver = small_map["liver"]
    page = admin_client.get(reverse("admin:zones_zone_change", args=[liver.pk])).content.decode()
    maps = preview(page)
    # Every view with an outline on both feet, ready for the live preview; the saved shape's
    # view on the zone's foot is shown.
    assert sorted(maps) == [(v, f) for v in ("dorsal", "plantar") for f in ("left", "right")]
    assert [key for key, (shown, _) in maps.items() if shown] == [("plantar", "right")]
    drawn = maps["plantar", "right"][1]
    assert re.search(r'<path class="zone" id="zone-liver" data-editing="true"', drawn)
    assert "#3a6fd8" in drawn  # the edited zone is highlighted
    for _, svg in maps.values():
        assert svg.count("data-editing") == 1  # the one path live_preview.js redraws
    # Liver is on the right foot only: on the left an empty path stands in for it.
    assert (
        '<path class="zone" data-editing="true" data-width="400.0" data-height="1000" d=""'
        in (maps["plantar", "left"][1])
    )
    assert len(set(re.findall(r'<title id="([^"]+)"', page))) == 4  # no id twice on the page
    assert "zones/admin/live_preview.js" in page
    sinuses = small_map["sinuses"]
    page = admin_client.get(reverse("admin:zones_zone_change", args=[sinuses.pk])).content.decode()
    shown = sorted(key for key, (visible, _) in preview(page).items() if visible)
    # Both feet, on the two views it is drawn on.
    assert shown == [(v, f) for v in ("dorsal", "plantar") for f in ("left", "right")]


def test_a_new_zone_shows_the_first_view_ready_to_draw_on(admin_client, small_map):
    page = admin_client.get(reverse("admin:zones_zone_add")).content.decode()
    maps = preview(page)
    assert [key for key, (shown, _) in maps.items() if shown] == [
        ("plantar", "right"),
        ("plantar", "left"),
    ]
    for _, svg in maps.values():
        assert re.search(r'<path class="zone" data-editing="true" [^>]*d=""', svg)
        assert 'fill-opacity="0.2"' in svg  # the other zones faint, for the new one to stand out
    assert "The map follows the shapes below as you type" in page


def test_preview_hints_are_in_the_page_for_the_script(admin_client, small_map):
    page = admin_client.get(reverse("admin:zones_zone_add")).content.decode()
    for attribute in ("unfinished", "shape", "no-view", "view-taken"):
        assert re.search(rf'data-hint-{attribute}="[^"]+"', page), attribute


def test_adding_a_zone(admin_client):
    FootOutlineFactory()
    response = admin_client.post(reverse("admin:zones_zone_add"), zone_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    zone = Zone.objects.get(slug="kidneys")
    assert zone.longitudinal_zones == "23"
    assert zone.name_ru == "Почки"
    assert zone.shapes.get().polygons[0][0] == [0.4, 0.5]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"shapes-0-polygons": "[[[0.1, 0.1], [0.5, 0.5], [0.5, 0.1], [0.1, 0.5]]]"},
            "Polygon crosses itself; list its corners in order around the edge.",
        ),
        (
            {"shapes-0-polygons": "[[[0.1, 0.1], [1.5, 0.1], [0.3, 0.4]]]"},
            "Polygon, point 2: [1.5, 0.1] is outside the map; "
            "both coordinates must be between 0 and 1.",
        ),
        ({"shapes-0-polygons": "[[[0.1, 0.1]]]"}, "Polygon has 1 point(s); it needs at least 3."),
        (
            {"recommended_pressure": "5", "max_pressure": "2"},
            "The recommended pressure (5) cannot be harder than the maximum pressure (2).",
        ),
    ],
)
def test_mistakes_are_explained_in_plain_words(admin_client, overrides, message):
    response = admin_client.post(reverse("admin:zones_zone_add"), zone_form(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode().replace("&#x27;", "'")
    assert not Zone.objects.filter(slug="kidneys").exists()


def test_other_admins_list_and_search(admin_client, small_map):
    for name in ("bodypart", "source", "landmark", "footoutline"):
        response = admin_client.get(reverse(f"admin:zones_{name}_changelist"), {"q": "a"})
        assert response.status_code == 200, name
    autocomplete = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "zones", "model_name": "zone", "field_name": "body_parts", "term": "liv"},
    )
    assert [item["text"] for item in autocomplete.json()["results"]] == ["Liver"]
    plantar = FootOutline.objects.get(view="plantar")
    page = admin_client.get(reverse("admin:zones_footoutline_change", args=[plantar.pk]))
    assert page.content.decode().count('class="zone"') == 2  # the right foot's plantar zones
