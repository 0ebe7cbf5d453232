"""The zones content pack: complete, bilingual, faithful to the seed, and safe to reload."""

import pytest
from django.core.management import call_command

from zones.geometry import polygons_problems
from zones.models import BodyPart, FootOutline, Landmark, Zone, ZoneShape

# The pack brings its own safety screen and general contraindications.
pytestmark = [pytest.mark.django_db, pytest.mark.bare_safety]

# The standard chart the issue asks for, as body parts that some zone must reflect.
REQUIRED_BODY_PARTS = {
    # toes
    "brain", "head", "pituitary-gland", "pineal-gland", "sinuses", "eyes", "ears", "neck",
    "thyroid-gland",
    # ball
    "lungs", "chest", "heart", "shoulder", "thymus", "diaphragm", "solar-plexus",
    # upper abdomen
    "liver", "gallbladder", "spleen", "stomach", "pancreas", "duodenum", "adrenal-glands",
    "kidneys", "ureters", "bladder",
    # lower abdomen
    "small-intestine", "ileocecal-valve", "ascending-colon", "transverse-colon",
    "descending-colon", "sigmoid-colon",
    # heel
    "sciatic-nerve", "pelvis", "lower-back", "uterus", "prostate", "ovaries", "testes",
    "groin-lymph-nodes",
    # edges and top
    "cervical-spine", "thoracic-spine", "lumbar-spine", "sacrum", "coccyx", "knee", "hip",
    "elbow", "upper-back", "upper-lymph-nodes",
}  # fmt: skip


@pytest.fixture
def loaded(shipped_pack):
    return shipped_pack


def test_loading_twice_changes_nothing_the_second_time(loaded, capsys):
    counts = (Zone.objects.count(), BodyPart.objects.count(), ZoneShape.objects.count())
    call_command("load_content")
    assert "zones: nothing new in the pack; 157 items already here" in capsys.readouterr().out
    assert (Zone.objects.count(), BodyPart.objects.count(), ZoneShape.objects.count()) == counts
    assert "46 zones created" in loaded


def test_the_chart_is_complete(loaded):
    assert Zone.objects.count() >= 38
    linked = set(BodyPart.objects.filter(zones__isnull=False).values_list("slug", flat=True))
    assert linked >= REQUIRED_BODY_PARTS, REQUIRED_BODY_PARTS - linked
    assert set(FootOutline.objects.values_list("view", flat=True)) == {
        "plantar", "dorsal", "medial", "lateral",
    }  # fmt: skip
    assert set(Landmark.objects.values_list("slug", flat=True)) == {
        "diaphragm-line", "waistline", "heel-line",
    }  # fmt: skip


def test_every_zone_is_drawn_sourced_and_bilingual(loaded):
    for zone in Zone.objects.prefetch_related("shapes", "sources", "body_parts"):
        assert zone.shapes.all(), zone.slug
        assert zone.sources.all(), zone.slug
        assert zone.body_parts.all(), zone.slug
        assert zone.longitudinal_zones, zone.slug
        for field in ("name", "description", "technique_hints"):
            for language in ("en", "ru"):
                assert getattr(zone, f"{field}_{language}"), f"{zone.slug}.{field}_{language}"
        for shape in zone.shapes.all():
            assert polygons_problems(shape.polygons) == [], zone.slug
        assert zone.recommended_pressure <= zone.max_pressure


def test_the_seed_sensitivity_facts(loaded):
    between_toes = Zone.objects.get(slug="upper-lymph")
    assert (between_toes.sensitivity, between_toes.skin, between_toes.max_pressure) == (
        "high", "tender", 2,
    )  # fmt: skip
    heel_centre = Zone.objects.get(slug="heel-centre")
    assert (heel_centre.sensitivity, heel_centre.region, heel_centre.max_pressure) == (
        "high", "heel", 2,
    )  # fmt: skip
    rest_of_heel = Zone.objects.filter(region="heel").exclude(slug="heel-centre")
    assert rest_of_heel.count() >= 2
    for zone in rest_of_heel:
        assert (zone.skin, zone.recommended_pressure) == ("coarse", 4), zone.slug


def test_the_mirror_rule(loaded):
    def feet(body_part):
        return set(Zone.objects.filter(body_parts__slug=body_part).values_list("foot", flat=True))

    assert feet("liver") == {"right"}
    assert feet("gallbladder") == {"right"}
    assert feet("ileocecal-valve") == {"right"}
    assert feet("ascending-colon") == {"right"}
    assert feet("spleen") == {"left"}
    assert feet("descending-colon") == {"left"}
    assert feet("sigmoid-colon") == {"left"}
    assert feet("heart") == {"left"}
    assert feet("kidneys") == {"both"}


def test_skin_signs_are_labelled_as_traditional_belief(loaded):
    with_signs = Zone.objects.exclude(skin_signs_en="")
    assert with_signs.exists()
    for zone in with_signs:
        assert zone.skin_signs_en.startswith("Traditional belief"), zone.slug
        assert zone.skin_signs_ru.startswith("Традиционное поверье"), zone.slug
        assert "not a diagnosis" in zone.skin_signs_en.lower() or "cannot" in zone.skin_signs_en


def test_conflicting_charts_keep_their_tradition(loaded):
    heel = Zone.objects.get(slug="heel-centre")
    assert heel.tradition == "chinese"
    assert heel.tradition_note_en and heel.tradition_note_ru
    assert Zone.objects.get(slug="uterus-prostate").tradition == "western"
    assert Zone.objects.get(slug="heart").tradition_note_en


def test_an_editors_change_stands_unless_the_pack_is_loaded_over_it(loaded, capsys):
    zone = Zone.objects.get(slug="liver")
    zone.name_en = "Edited"
    zone.save()
    ZoneShape.objects.create(zone=zone, view="dorsal", polygons=[[[0, 0], [1, 0], [1, 1]]])
    call_command("load_content")
    zone.refresh_from_db()
    assert zone.name_en == "Edited" and zone.shapes.count() == 2
    call_command("load_content", "--overwrite")
    assert "kept: zone liver: changed by editors (name, shapes)" in capsys.readouterr().out
    zone.refresh_from_db()
    assert zone.name_en == "Edited"
    call_command("load_content", "--overwrite-edited")
    assert "1 zones updated" in capsys.readouterr().out
    zone.refresh_from_db()
    assert zone.name_en == "Liver"
    assert list(zone.shapes.values_list("view", flat=True)) == ["plantar"]
