"""The zone list in the admin: narrow columns, a small map per zone, cheap to draw, and every
text in it escaped."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import zones.admin
from tests.factories import FootOutlineFactory, ZoneFactory
from zones.admin import ZoneThumbnailColumn
from zones.models import Zone
from zones.svg import render_zone_thumbnail, thumbnail_frame

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"
LIST = reverse("admin:zones_zone_changelist")
TRIANGLE = [[0.1, 0.1], [0.3, 0.1], [0.3, 0.4]]


def thumbnails(page: str) -> list[str]:
    return re.findall(r'<svg [^>]*class="zone-thumbnail".*?</svg>', page, flags=re.DOTALL)


def make_zones(count: int, first: int = 0) -> None:
    FootOutlineFactory(view="plantar")
    FootOutlineFactory(view="dorsal")
    for n in range(first, first + count):
        shapes = {"plantar": [TRIANGLE], "dorsal": [TRIANGLE]} if n % 2 else {"dorsal": [TRIANGLE]}
        ZoneFactory(slug=f"zone-{n}", foot=("both", "right", "left")[n % 3], shapes=shapes)


def list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(LIST)
    assert response.status_code == 200
    return len(captured)


def test_each_zone_has_a_thumbnail_of_its_first_view_and_names_its_views(admin_client, small_map):
    page = admin_client.get(LIST).content.decode()
    pictures = thumbnails(page)
    assert len(pictures) == 3
    for picture in pictures:
        root = ET.fromstring(picture)  # well-formed, so nothing leaked into it unescaped
        assert (root.get("width"), root.get("height")) == ("48", "48")
        assert len(root.findall(f"{SVG}path")) == 2  # the outline, then the zone
    titles = [ET.fromstring(picture).findtext(f"{SVG}title") for picture in pictures]
    assert titles == [
        "Sinuses: Sole (plantar), Right foot",  # drawn on two views; the sole comes first
        "Liver: Sole (plantar), Right foot",
        "Between the toes: Top (dorsal), Right foot",
    ]
    assert re.findall(r'<span class="zone-views">([^<]*)</span>', page) == [
        "sole, top",
        "sole",
        "top",
    ]


def test_the_list_keeps_to_the_columns_an_editor_scans(admin_client, small_map):
    page = admin_client.get(LIST).content.decode()
    headers = re.findall(r'<th scope="col" class="[^"]*column-([\w]+)', page)
    assert headers == ["_reorder_", "map_thumbnail", "name", "foot", "sensitivity", "pressure"]
    liver = Zone.objects.get(slug="liver")
    assert (liver.recommended_pressure, liver.max_pressure) == (3, 4)
    assert (
        '<span title="Recommended: 3 · moderate. Never harder than: 4 · firm.">3, max 4</span>'
        in page
    )


def test_a_left_foot_zone_is_drawn_on_the_left_foot(small_map):
    left: Zone = ZoneFactory(
        slug="spleen", name_en="Spleen", foot="left", shapes={"plantar": [TRIANGLE]}
    )
    picture = ET.fromstring(thumbnails(str(ZoneThumbnailColumn()(left)))[0])
    assert picture.findtext(f"{SVG}title") == "Spleen: Sole (plantar), Left foot"
    zone_path = picture.findall(f"{SVG}path")[1].get("d", "")
    # The frame is 40 units wide (aspect ratio 0.4); x = 0.1 on the right foot is 0.9 mirrored.
    assert zone_path.startswith("M 36.0 10.0 L 28.0 10.0 L 28.0 40.0")


def test_a_zone_without_a_shape_or_outline_shows_no_thumbnail(small_map):
    column = ZoneThumbnailColumn()
    bare: Zone = ZoneFactory(slug="nowhere")
    bare.shapes.all().delete()
    assert column(bare) is None
    lateral: Zone = ZoneFactory(slug="outer", shapes={"lateral": [TRIANGLE]})  # no outline
    assert "<svg" not in str(column(lateral))
    assert "outer edge" in str(column(lateral))


def test_names_are_escaped_in_the_thumbnail(admin_client, small_map):
    ZoneFactory(
        slug="hostile",
        name_en='<script>alert(1)</script> & "quoted" </title><svg onload=alert(2)>',
        shapes={"plantar": [TRIANGLE]},
    )
    page = admin_client.get(LIST).content.decode()
    assert "<script>alert(1)" not in page
    assert "<svg onload" not in page
    hostile = [p for p in thumbnails(page) if "alert" in p]
    assert len(hostile) == 1
    assert ET.fromstring(hostile[0]).findtext(f"{SVG}title") == (
        '<script>alert(1)</script> & "quoted" </title><svg onload=alert(2)>: '
        "Sole (plantar), Right foot"
    )


def test_a_thumbnail_is_small_and_fits_any_outline():
    frame = thumbnail_frame([[0, 0], [1, 0], [1, 1], [0, 1]], aspect_ratio=2.4)
    picture = render_zone_thumbnail(frame, [TRIANGLE], title="A & B")
    root = ET.fromstring(picture)
    assert root.get("viewBox") == "0 0 240.0 100"
    assert root.findtext(f"{SVG}title") == "A & B"
    assert len(picture) < 700


@pytest.mark.parametrize("zone_count", [10, 46])
def test_the_list_costs_a_fixed_number_of_queries(
    admin_client, django_assert_max_num_queries, zone_count
):
    make_zones(zone_count)
    admin_client.get(LIST)
    # The session and user, two savepoints in and out (the safety guards), five counts (the
    # admin's and adminsortable2's), the safety screen check, then the zones, their shapes
    # and the outlines for the thumbnails: one query each, whatever the number of zones.
    with django_assert_max_num_queries(15):
        assert admin_client.get(LIST).status_code == 200


def test_the_query_count_does_not_grow_with_the_zones(admin_client):
    make_zones(10)
    admin_client.get(LIST)
    before = list_queries(admin_client)
    make_zones(5, first=10)
    assert list_queries(admin_client) == before


def test_thumbnails_do_not_rebuild_the_foot_map(admin_client, monkeypatch):
    make_zones(20)
    frames = []

    def counted_frame(*args, **kwargs):
        frames.append(args)
        return thumbnail_frame(*args, **kwargs)

    def forbidden(*args, **kwargs):
        raise AssertionError("the list must not build a whole foot map")

    monkeypatch.setattr(zones.admin, "thumbnail_frame", counted_frame)
    monkeypatch.setattr(zones.admin, "build_foot_map", forbidden)
    monkeypatch.setattr(zones.admin, "draw_foot_map", forbidden)
    page = admin_client.get(LIST).content.decode()
    assert len(thumbnails(page)) == 20
    # One outline drawn per view and foot on the page (two views, both feet), not per zone.
    assert len(frames) == 4
