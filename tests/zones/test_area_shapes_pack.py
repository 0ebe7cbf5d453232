"""The shipped pack draws every area, so every step of every shipped routine can be shown.

Before areas had shapes, 179 of the 338 steps of the shipped routines named no zone, only an
area, and no answer of the API could draw them (issue 24, point 4). Apart from the API tests
(``test_area_shapes``): these share the shipped pack's database, those make their own rows.
"""

import pytest
from shapely.geometry import Polygon

from routines.models import Step
from zones.content import rules as zone_rules
from zones.models import Area, AreaShape, FootOutline

pytestmark = pytest.mark.django_db


def drawable(step: Step) -> bool:
    """A step can be shown when a zone it names, or else its area, has a shape on some view."""
    zones = list(step.zones.all())
    if zones:
        return any(zone.shapes.exists() for zone in zones)
    return step.area is not None and step.area.shapes.exists()


def test_every_shipped_area_has_a_shape_inside_its_views_outline(shipped_pack):
    outlines = {outline.view: Polygon(outline.points) for outline in FootOutline.objects.all()}
    assert {area.slug for area in Area.objects.filter(shapes__isnull=True)} == set()
    assert AreaShape.objects.count() >= Area.objects.count() >= 4
    for shape in AreaShape.objects.select_related("area"):
        for polygon in shape.polygons:
            drawn = Polygon(polygon)
            assert drawn.is_valid, f"{shape}: not a simple polygon"
            outside = drawn.difference(outlines[shape.view]).area / drawn.area
            assert outside <= zone_rules.MAX_OUTSIDE, f"{shape}: {outside:.1%} outside the foot"
    assert list(zone_rules.areas_inside_outline()) == []
    assert list(zone_rules.areas_drawn()) == []


def test_every_step_of_every_shipped_routine_can_be_drawn(shipped_pack):
    steps = list(Step.objects.select_related("area").prefetch_related("zones__shapes"))
    area_only = [step for step in steps if not step.zones.all()]
    # What could not be drawn before areas had shapes (the issue counted 179 of 338).
    assert len(steps) >= 300
    assert len(area_only) >= 150
    undrawable = [f"{step.routine.slug} #{step.position}" for step in steps if not drawable(step)]
    assert undrawable == []


def test_an_area_outside_the_foot_and_an_undrawn_area_are_caught(shipped_pack):
    AreaShape.objects.filter(area__slug="ankle", view="medial").update(
        polygons=[[[0.0, 0.0], [0.3, 0.0], [0.3, 0.2], [0.0, 0.2]]]
    )
    assert [v.location for v in zone_rules.areas_inside_outline()] == ["area ankle, medial view"]
    AreaShape.objects.filter(area__slug="toes").delete()
    assert [v.location for v in zone_rules.areas_drawn()] == ["area toes"]
