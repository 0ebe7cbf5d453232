"""The pack seeds, editors own: what an editor saves survives every load, deploy and restart.

Also the export: all content as a pack in the loader's own format, byte for byte stable.
"""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import CommandError, call_command

from footcare.content.journal import current_position
from footcare.models import PackItem
from routines.models import Audience, Benefit, Contraindication, Routine, Technique
from zones.models import Area, BodyPart, FootOutline, Landmark, Source, Zone

# The pack brings its own safety screen and general contraindications.
pytestmark = [pytest.mark.django_db, pytest.mark.bare_safety]

SHIPPED = Path(__file__).resolve().parents[1]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(shipped_pack) -> None:
    """The shipped pack, loaded on an empty database (``bare_safety``) once for the module."""


def shipped_pack_copy(tmp_path: Path) -> Path:
    for app in ("zones", "routines"):
        shutil.copytree(SHIPPED / app / "data", tmp_path / "pack" / app)
    return tmp_path / "pack"


def edit_as_an_editor() -> None:
    zone = Zone.objects.get(slug="liver")
    zone.name_ru, zone.caution_en = "Печень (уточнено)", "Press gently after meals."
    zone.save()
    routine = Routine.objects.get(slug="quick-five-minutes")
    routine.title_en = "Five calm minutes"
    routine.save()
    step = routine.steps.get(position=1)
    step.duration_seconds = 40
    step.save()
    Routine.objects.get(slug="evening-stress-relief").withdraw()
    Routine.objects.get(slug="warm-cold-feet").delete()


def assert_editors_work_stands() -> None:
    assert Zone.objects.get(slug="liver").name_ru == "Печень (уточнено)"
    routine = Routine.objects.get(slug="quick-five-minutes")
    assert routine.title_en == "Five calm minutes"
    assert routine.steps.get(position=1).duration_seconds == 40
    assert Routine.objects.get(slug="evening-stress-relief").status == "draft"
    assert not Routine.objects.filter(slug="warm-cold-feet").exists()


def test_a_load_never_undoes_an_edit_a_withdrawal_or_a_deletion(loaded):
    edit_as_an_editor()
    position = current_position()
    out = run("load_content")
    assert "nothing new in the pack" in out
    assert_editors_work_stands()
    assert current_position() == position  # not even a journal entry


def test_a_new_item_in_the_pack_is_added_and_nothing_else_touched(loaded, tmp_path):
    edit_as_an_editor()
    pack = shipped_pack_copy(tmp_path)
    catalogue = pack / "routines" / "01_catalogue.yaml"
    document = yaml.safe_load(catalogue.read_text(encoding="utf-8"))
    document["techniques"].append(
        {"slug": "toe-spread", "name": {"en": "Toe spread", "ru": "Разведение пальцев"},
         "how_to": {"en": "Spread the toes apart gently.", "ru": "Мягко разведите пальцы."}}
    )  # fmt: skip
    catalogue.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    out = run("load_content", str(pack))
    assert "1 techniques created" in out
    assert Technique.objects.get(slug="toe-spread").name_ru == "Разведение пальцев"
    assert_editors_work_stands()


def test_overwrite_edited_puts_the_pack_back_over_editors_work_on_purpose(loaded):
    edit_as_an_editor()
    run("load_content", "--overwrite-edited")
    assert Zone.objects.get(slug="liver").name_ru == "Печень"
    assert Routine.objects.get(slug="quick-five-minutes").title_en != "Five calm minutes"
    assert Routine.objects.get(slug="evening-stress-relief").status == "published"
    assert Routine.objects.get(slug="warm-cold-feet").status == "published"  # re-created


def test_a_dry_run_shows_each_change_and_changes_nothing(loaded):
    edit_as_an_editor()
    position = current_position()
    out = run("load_content", "--overwrite-edited", "--dry-run")
    assert "zone liver: name_ru: 'Печень (уточнено)' -> 'Печень'" in out
    assert "routine quick-five-minutes: step 1: duration_seconds: 40 -> " in out
    assert "routine evening-stress-relief: status: draft -> published" in out
    assert "routine warm-cold-feet: created" in out
    assert "dry run, nothing changed" in out
    assert current_position() == position
    assert_editors_work_stands()


def changed_pack(tmp_path: Path) -> Path:
    """The shipped pack with a correction in an item editors left alone (the heart zone, the
    arch routine) and in two they changed (the liver zone, the five-minute routine)."""
    pack = shipped_pack_copy(tmp_path)
    zones_file = pack / "zones" / "03_zones.yaml"
    routines_file = pack / "routines" / "02_routines.yaml"
    zones = yaml.safe_load(zones_file.read_text("utf-8"))
    routines = yaml.safe_load(routines_file.read_text("utf-8"))
    for zone in zones["zones"]:
        if zone["slug"] in ("heart", "liver"):
            zone["caution"] = {"en": "Corrected caution.", "ru": "Исправленное предупреждение."}
    for routine in routines["routines"]:
        if routine["slug"] in ("arch-support", "quick-five-minutes"):
            routine["summary"] = {"en": "Corrected summary.", "ru": "Исправленное описание."}
    zones_file.write_text(yaml.safe_dump(zones, allow_unicode=True), encoding="utf-8")
    routines_file.write_text(yaml.safe_dump(routines, allow_unicode=True), encoding="utf-8")
    return pack


def test_overwrite_brings_what_editors_left_alone_up_to_the_pack_and_keeps_their_work(
    loaded, tmp_path
):
    edit_as_an_editor()
    out = run("load_content", "--overwrite", str(changed_pack(tmp_path)))
    assert Zone.objects.get(slug="heart").caution_en == "Corrected caution."
    assert Routine.objects.get(slug="arch-support").summary_ru == "Исправленное описание."
    assert Zone.objects.get(slug="liver").caution_en == "Press gently after meals."
    assert Routine.objects.get(slug="quick-five-minutes").summary_en != "Corrected summary."
    assert_editors_work_stands()
    assert "kept: zone liver: changed by editors (name, caution)" in out
    assert "kept: routine quick-five-minutes: changed by editors (title, steps)" in out
    assert "kept: routine evening-stress-relief: changed by editors (status)" in out
    assert "kept: routine warm-cold-feet: deleted by editors, not re-created" in out
    assert "zone heart" not in out and "routine arch-support" not in out
    # The items it wrote are the pack's again: a second overwrite has nothing to do.
    again = run("load_content", "--overwrite", "--dry-run", str(changed_pack(tmp_path / "2")))
    assert "nothing new in the pack" in again


def test_an_overwrites_dry_run_shows_the_diff_and_what_it_keeps_and_changes_nothing(
    loaded, tmp_path
):
    edit_as_an_editor()
    position = current_position()
    out = run("load_content", "--overwrite", "--dry-run", str(changed_pack(tmp_path)))
    assert "zone heart: caution_en: " in out and "-> 'Corrected caution.'" in out
    assert "routine arch-support: summary_en: " in out
    assert "zone liver: caution_en" not in out
    assert "kept: zone liver: changed by editors (name, caution)" in out
    assert "dry run, nothing changed" in out
    assert current_position() == position
    assert Zone.objects.get(slug="heart").caution_en != "Corrected caution."
    assert_editors_work_stands()


def test_a_broken_pack_changes_nothing(loaded, tmp_path):
    pack = shipped_pack_copy(tmp_path)
    zones = pack / "zones" / "03_zones.yaml"
    zones.write_text(
        zones.read_text(encoding="utf-8").replace("slug: liver", "slug: new-liver", 1),
        encoding="utf-8",
    )
    (pack / "routines" / "02_routines.yaml").write_text(
        "routines:\n  - slug: broken\n    title: {en: Broken}\n    steps:\n"
        "      - {title: {en: X}, instruction: {en: Y}, technique: stroking, foot: right,"
        " pressure: 1, seconds: 30, area: nowhere}\n",
        encoding="utf-8",
    )
    position = current_position()
    with pytest.raises(CommandError, match=r"routine broken: summary: This field cannot be blank"):
        run("load_content", str(pack))
    assert not Zone.objects.filter(slug="new-liver").exists()
    assert current_position() == position


CONTENT = [Routine, Benefit, Contraindication, Technique, Audience, Zone, Area, BodyPart,
           Landmark, FootOutline, Source]  # fmt: skip


def empty_the_database() -> None:
    for model in CONTENT:  # routines first: a zone a published step uses cannot go before it
        model.objects.all().delete()
    PackItem.objects.all().delete()


def test_export_then_load_then_export_is_byte_identical(loaded, tmp_path):
    edit_as_an_editor()  # an export writes what editors made, drafts included
    run("export_content", str(tmp_path / "a"))
    empty_the_database()
    assert not Zone.objects.exists()
    run("load_content", str(tmp_path / "a"))
    run("export_content", str(tmp_path / "b"))
    files = sorted(path.relative_to(tmp_path / "a") for path in (tmp_path / "a").rglob("*.yaml"))
    assert [str(name) for name in files] == [
        "routines/01_catalogue.yaml",
        "routines/02_routines.yaml",
        "routines/03_safety.yaml",
        "zones/01_map.yaml",
        "zones/02_body_parts.yaml",
        "zones/03_zones.yaml",
        "zones/04_areas.yaml",
    ]
    for name in files:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    assert_editors_work_stands()


def test_the_export_holds_drafts_languages_geometry_order_and_status(loaded, tmp_path):
    edit_as_an_editor()
    run("export_content", str(tmp_path))
    routines = yaml.safe_load((tmp_path / "routines" / "02_routines.yaml").read_text("utf-8"))
    by_slug = {routine["slug"]: routine for routine in routines["routines"]}
    assert by_slug["evening-stress-relief"]["status"] == "draft"
    assert by_slug["desk-break-draft"]["status"] == "draft"
    quick = by_slug["quick-five-minutes"]
    assert quick["title"]["en"] == "Five calm minutes" and quick["title"]["ru"]
    assert quick["steps"][0]["seconds"] == 40
    zones = yaml.safe_load((tmp_path / "zones" / "03_zones.yaml").read_text("utf-8"))["zones"]
    liver = next(zone for zone in zones if zone["slug"] == "liver")
    assert liver["name"] == {"en": "Liver", "ru": "Печень (уточнено)"}
    assert liver["shapes"]["plantar"][0][0] == [pytest.approx(0.0, abs=1)] * 2


def test_a_pack_that_would_make_a_published_routine_unsafe_is_refused(loaded, tmp_path):
    pack = shipped_pack_copy(tmp_path)
    zones = pack / "zones" / "03_zones.yaml"
    document = yaml.safe_load(zones.read_text(encoding="utf-8"))
    heel = next(zone for zone in document["zones"] if zone["slug"] == "pelvis-lower-back")
    heel["pressure"] = [1, 2]  # the full massage knuckles this zone at 4
    zones.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    position, limit = current_position(), Zone.objects.get(slug="pelvis-lower-back").max_pressure
    with pytest.raises(
        CommandError,
        match=r"routine [\w-]+: step \d+: pressure: Pelvis and lower back allows at most "
        "pressure 2",
    ):
        run("load_content", "--overwrite", str(pack))
    assert Zone.objects.get(slug="pelvis-lower-back").max_pressure == limit
    assert current_position() == position
