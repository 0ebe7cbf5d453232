"""Every change a reader can see reaches every reader, whatever the path.

The models are found from the app registry: a model added to `zones` or `routines` without a
recipe here, or without journaling, fails the first test. For each model, creating, changing
and deleting a row that a public resource shows must move the content version, change the
ETag of that resource and appear in the sync delta; so must every many-to-many add, remove and
clear, from either side, and the bulk paths (queryset update and delete, bulk_update, admin
list actions, drag-and-drop ordering; the content loader, on an empty database, is in
test_journal.py). Every test here starts from one small catalogue, made once for the module.

A row no resource shows (a source nothing cites) is invisible until it is linked, so "create"
here means create and link; a delete that a safety rule refuses (a zone or area a published
step needs, a general contraindication, an audience or tool a published routine names) must
change nothing.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import ProtectedError
from django.urls import reverse

from footcare.content.guards import UnsafeChange
from footcare.content.journal import current_position, tracked_models
from routines.models import (
    Approval,
    Audience,
    Benefit,
    Contraindication,
    PressureLevel,
    PreviewLink,
    Routine,
    SafetyScreen,
    Step,
    Technique,
    Tool,
)
from tests.api.lean_client import apply_delta, by_id
from tests.conftest import fresh, made_once_per_module
from tests.factories import (
    AreaFactory,
    AudienceFactory,
    BenefitFactory,
    BodyPartFactory,
    ContraindicationFactory,
    FootOutlineFactory,
    LandmarkFactory,
    RoutineFactory,
    SourceFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
    safety_screen,
)
from zones.models import (
    Area,
    AreaShape,
    BodyPart,
    FootOutline,
    Landmark,
    Source,
    Zone,
    ZoneShape,
)

pytestmark = pytest.mark.django_db

SQUARE = [[[0.3, 0.3], [0.5, 0.3], [0.5, 0.5]]]


@dataclass(frozen=True)
class Shown:
    """A resource that shows a change: its API path, its sync collection and slug.

    ``lean_only``: the collection is in the lean sync only (tools, areas, sources, which the
    full sync shows inside the items that name them).
    """

    path: str
    collection: str
    slug: str
    deleted: bool = False
    lean_only: bool = False


def detail(route: str, slug: str) -> str:
    return reverse(f"v1:{route}-detail", args=[slug])


def foot_map(view: str) -> str:
    return f"{reverse('v1:foot-map')}?foot=right&view={view}"


ZONE = Shown(detail("zone", "liver"), "zones", "liver")
ROUTINE = Shown(detail("routine", "calm"), "routines", "calm")
BENEFIT = Shown(detail("benefit", "relax"), "benefits", "relax")
CONTRAINDICATION = Shown(detail("contraindication", "dvt"), "contraindications", "dvt")
BODY_PART = Shown(detail("body-part", "liver-part"), "body_parts", "liver-part")
PLANTAR = Shown(foot_map("plantar"), "foot_maps", "plantar")
SAFETY = Shown(reverse("v1:safety"), "safety", "safety")
# The foot map lists the areas drawn on its view; the syncs carry each area with its shapes.
AREA_SHAPE = Shown(PLANTAR.path, "areas", "whole-foot", lean_only=True)


def make_world() -> dict[str, Any]:
    """A small published catalogue in which every model shows somewhere."""
    source = SourceFactory(slug="src")
    part = BodyPartFactory(slug="liver-part")
    liver = ZoneFactory(
        slug="liver", body_parts=[part], sources=[source], shapes={"plantar": SQUARE}
    )
    spare = ZoneFactory(slug="spare")
    gallbladder = ZoneFactory(slug="gallbladder", recommended_pressure=2, max_pressure=3)
    liver.overlaps.set([gallbladder])  # drawn over the liver: steps there keep to its limit
    PressureLevel.objects.create(level=1, feels_like_en="Barely", feels_like_ru="Едва")
    FootOutlineFactory(view="plantar")
    LandmarkFactory(slug="waistline", view="plantar")
    area = AreaFactory(slug="whole-foot", max_pressure=4)
    AreaShape.objects.create(area=area, view="plantar", polygons=SQUARE)
    audience = AudienceFactory(slug="calm-people")
    technique = TechniqueFactory(slug="stroking", position=1)
    unused = TechniqueFactory(slug="unused", position=2)
    benefit = BenefitFactory(slug="relax")
    benefit.audiences.set([audience, AudienceFactory(slug="walkers")])  # walkers: no routine's
    benefit.zones.set([liver])
    benefit.sources.set([source])
    contraindication = ContraindicationFactory(slug="dvt")  # listed by calm through liver
    contraindication.zones.set([liver])
    contraindication.techniques.set([unused])
    contraindication.sources.set([source])
    tired_feet = ContraindicationFactory(slug="tired-feet")  # listed by calm alone
    routine = RoutineFactory(slug="calm")
    for _ in range(2):
        StepFactory(routine=routine, technique=technique, area=area, zones=[liver])
    routine.benefits.set([benefit])
    routine.audiences.set([audience])
    routine.contraindications.set([tired_feet])
    routine.tools.set([Tool.objects.create(slug="towel", name_en="Towel")])
    Tool.objects.create(slug="spare", name_en="Spare towel")  # no routine's: only synced
    routine.publish()
    routine.approval = approval(routine, "Rita Gray")
    routine.save()
    return {"liver": liver, "spare": spare, "routine": routine, "step": routine.steps.first()}


def approval(routine: Any, name: str) -> Approval:
    return Approval.objects.create(
        routine=routine, version="0" * 64, reviewer_name=name, reviewer_role="podiatrist"
    )


_world = made_once_per_module(make_world)


@pytest.fixture
def world(db, _world) -> dict[str, Any]:
    return fresh(_world)


def save(row: Any, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(row, name, value)
    row.save()


def make_zone(world: dict[str, Any]) -> None:
    ZoneFactory(slug="new-zone")


def make_routine(world: dict[str, Any]) -> None:
    routine = RoutineFactory(slug="fresh")
    StepFactory(routine=routine)
    routine.publish()


def refused(world: dict[str, Any]) -> None:
    """A delete the safety rules refuse while the row is shown (tested below)."""


def gone(shown: Shown) -> Shown:
    return Shown(shown.path, shown.collection, shown.slug, deleted=True, lean_only=shown.lean_only)


def shown_as(route: str, collection: str, slug: str) -> Shown:
    return Shown(detail(route, slug), collection, slug)


def lean_item(route: str, collection: str, slug: str) -> Shown:
    return Shown(detail(route, slug), collection, slug, lean_only=True)


TOWEL = lean_item("tool", "tools", "towel")
WHOLE_FOOT = lean_item("area", "areas", "whole-foot")
SRC = lean_item("source", "sources", "src")


Recipe = tuple[Callable[[dict[str, Any]], Any], list[Shown]]

# model: (create, update, delete), each a visible change and the resources that show it.
RECIPES: dict[type, tuple[Recipe, Recipe, Recipe]] = {
    Source: (
        (lambda w: w["liver"].sources.add(SourceFactory(slug="new-src")),
         [ZONE, lean_item("source", "sources", "new-src")]),
        (lambda w: save(Source.objects.get(slug="src"), citation="Revised"),
         [ZONE, BENEFIT, CONTRAINDICATION, SRC]),
        (lambda w: Source.objects.get(slug="src").delete(),
         [ZONE, BENEFIT, CONTRAINDICATION, gone(SRC)]),
    ),
    BodyPart: (
        (lambda w: w["liver"].body_parts.add(BodyPartFactory(slug="new-part")),
         [ZONE, shown_as("body-part", "body_parts", "new-part")]),
        (lambda w: save(BodyPart.objects.get(slug="liver-part"), name_en="Liver (organ)"),
         [ZONE, BODY_PART]),
        (lambda w: BodyPart.objects.get(slug="liver-part").delete(), [ZONE, gone(BODY_PART)]),
    ),
    Zone: (
        (make_zone, [shown_as("zone", "zones", "new-zone")]),
        (lambda w: save(w["liver"], name_en="Liver, right foot"),
         [ZONE, ROUTINE, BENEFIT, CONTRAINDICATION, BODY_PART]),
        (lambda w: w["spare"].delete(), [gone(shown_as("zone", "zones", "spare"))]),
    ),
    ZoneShape: (
        (lambda w: ZoneShape.objects.create(zone=w["liver"], view="dorsal", polygons=SQUARE),
         [ZONE]),
        (lambda w: save(w["liver"].shapes.get(view="plantar"), polygons=[[[0.1, 0.1], [0.2, 0.1],
         [0.2, 0.2]]]), [ZONE, Shown(PLANTAR.path, "zones", "liver")]),
        (lambda w: w["liver"].shapes.get(view="plantar").delete(), [ZONE]),
    ),
    FootOutline: (
        (lambda w: FootOutlineFactory(view="dorsal"),
         [Shown(foot_map("dorsal"), "foot_maps", "dorsal")]),
        (lambda w: save(FootOutline.objects.get(view="plantar"), aspect_ratio=0.45), [PLANTAR]),
        (lambda w: FootOutline.objects.get(view="plantar").delete(), [gone(PLANTAR)]),
    ),
    Landmark: (
        (lambda w: LandmarkFactory(slug="heel-line", view="plantar"), [PLANTAR]),
        (lambda w: save(Landmark.objects.get(slug="waistline"), name_en="Waist line"), [PLANTAR]),
        (lambda w: Landmark.objects.get(slug="waistline").delete(), [PLANTAR]),
    ),
    Area: (
        (lambda w: save(w["step"], area=AreaFactory(slug="toes", max_pressure=3)),
         [ROUTINE, lean_item("area", "areas", "toes")]),
        (lambda w: save(Area.objects.get(slug="whole-foot"), name_en="The whole foot"),
         [ROUTINE, WHOLE_FOOT]),
        (refused, []),
    ),
    AreaShape: (
        (lambda w: AreaShape.objects.create(
            area=AreaFactory(slug="toes", max_pressure=2), view="plantar", polygons=SQUARE),
         [Shown(PLANTAR.path, "areas", "toes", lean_only=True)]),
        (lambda w: save(AreaShape.objects.get(area__slug="whole-foot"), polygons=[[[0.1, 0.1],
         [0.2, 0.1], [0.2, 0.2]]]), [AREA_SHAPE]),
        (lambda w: AreaShape.objects.get(area__slug="whole-foot").delete(), [AREA_SHAPE]),
    ),
    Audience: (
        (lambda w: w["routine"].audiences.add(AudienceFactory(slug="new-aud")), [ROUTINE]),
        (lambda w: save(Audience.objects.get(slug="calm-people"), name_en="Calm"),
         [ROUTINE, BENEFIT]),
        # One a published routine is for may not go (see the refused-delete test).
        (lambda w: Audience.objects.get(slug="walkers").delete(), [BENEFIT]),
    ),
    Technique: (
        (lambda w: TechniqueFactory(slug="kneading"),
         [shown_as("technique", "techniques", "kneading")]),
        (lambda w: save(Technique.objects.get(slug="stroking"), name_en="Gliding"),
         [ROUTINE, shown_as("technique", "techniques", "stroking")]),
        (lambda w: Technique.objects.get(slug="unused").delete(),
         [gone(shown_as("technique", "techniques", "unused"))]),
    ),
    Benefit: (
        (lambda w: BenefitFactory(slug="new-benefit"),
         [shown_as("benefit", "benefits", "new-benefit")]),
        (lambda w: save(Benefit.objects.get(slug="relax"), title_en="Relaxation"),
         [BENEFIT, ROUTINE]),
        (lambda w: Benefit.objects.get(slug="relax").delete(), [gone(BENEFIT), ROUTINE]),
    ),
    Contraindication: (
        (lambda w: ContraindicationFactory(slug="new-ci"),
         [shown_as("contraindication", "contraindications", "new-ci")]),
        (lambda w: save(Contraindication.objects.get(slug="dvt"), name_en="Thrombosis"),
         [CONTRAINDICATION, ROUTINE]),
        (lambda w: Contraindication.objects.get(slug="dvt").delete(),
         [gone(CONTRAINDICATION), ROUTINE]),
    ),
    Routine: (
        (make_routine, [shown_as("routine", "routines", "fresh")]),
        (lambda w: save(w["routine"], title_en="Calmer"), [ROUTINE, BENEFIT]),
        (lambda w: w["routine"].delete(), [gone(ROUTINE), BENEFIT]),
    ),
    Tool: (
        (lambda w: w["routine"].tools.add(Tool.objects.create(slug="ball")),
         [ROUTINE, lean_item("tool", "tools", "ball")]),
        (lambda w: save(Tool.objects.get(slug="towel"), name_en="Bath towel"), [ROUTINE, TOWEL]),
        (lambda w: Tool.objects.get(slug="spare").delete(),
         [gone(lean_item("tool", "tools", "spare"))]),
    ),
    SafetyScreen: (
        # One screen, always there while routines are published: writing it anew replaces it.
        (lambda w: safety_screen(title_en="A new screen"), [SAFETY]),
        (lambda w: save(SafetyScreen.objects.get(), disclaimer_en="Revised."), [SAFETY]),
        (refused, []),
    ),
    PressureLevel: (
        (lambda w: PressureLevel.objects.create(level=2, feels_like_en="Light"), [SAFETY]),
        (lambda w: save(PressureLevel.objects.get(level=1), feels_like_en="Feather"), [SAFETY]),
        (lambda w: PressureLevel.objects.get(level=1).delete(), [SAFETY]),
    ),
    Approval: (
        (lambda w: save(w["routine"], approval=approval(w["routine"], "Bea Lund")), [ROUTINE]),
        (lambda w: save(Approval.objects.get(), reviewer_role="nurse"), [ROUTINE]),
        (lambda w: Approval.objects.get().delete(), [ROUTINE]),
    ),
    Step: (
        (lambda w: StepFactory(routine=w["routine"], area=Area.objects.get()), [ROUTINE]),
        (lambda w: save(w["step"], duration_seconds=75), [ROUTINE]),
        (lambda w: w["step"].delete(), [ROUTINE]),
    ),
}  # fmt: skip


# Models of the content apps that readers never see, so nothing of theirs is journaled: a
# preview link is an editor's, for one device.
NOT_CONTENT = {PreviewLink}


def content_models() -> set[type]:
    return {
        model
        for label in ("zones", "routines")
        for model in apps.get_app_config(label).get_models()
    } - NOT_CONTENT


def test_every_content_model_has_a_recipe_and_is_journaled():
    models = content_models()
    missing = models - set(RECIPES)
    assert not missing, f"add a recipe here for {sorted(m.__name__ for m in missing)}"
    untracked = models - set(tracked_models())
    assert not untracked, f"journal these in their app's journal.py: {untracked}"


def observe(api: Any, shown: list[Shown]) -> tuple[int, dict[str, str | None], str, Any]:
    """The journal position, the ETag of each showing path, a sync token and the lean
    sync's whole catalogue, now."""
    tags = {}
    for item in shown:
        response = api.get(item.path)
        tags[item.path] = response["ETag"] if response.status_code == 200 else None
    lean = api.get(reverse("v1:lean-sync")).json()
    return current_position(), tags, api.get(reverse("v1:sync")).json()["next_token"], lean


def assert_lean_delta_brings_the_copy_up_to_date(api: Any, lean: Any) -> None:
    """Applied to the catalogue as it was, the lean delta gives the catalogue as it is."""
    copy = by_id(lean["upserts"])
    apply_delta(copy, api.get(reverse("v1:lean-sync"), {"token": lean["next_token"]}).json())
    assert copy == by_id(api.get(reverse("v1:lean-sync")).json()["upserts"])


def assert_reached(
    api: Any, before: tuple[int, dict[str, str | None], str, Any], shown: list[Shown]
) -> None:
    position, tags, token, lean = before
    assert current_position() > position, "the change wrote nothing to the journal"
    assert_lean_delta_brings_the_copy_up_to_date(api, lean)
    full_delta = api.get(reverse("v1:sync"), {"token": token}).json()
    lean_delta = api.get(reverse("v1:lean-sync"), {"token": lean["next_token"]}).json()
    for item in shown:
        delta = lean_delta if item.lean_only else full_delta
        response = api.get(item.path)
        if item.deleted:
            assert response.status_code == 404, item.path
            gone = {(entry["resource"], entry["slug"]) for entry in delta["deletions"]}
            assert (item.collection[:-1], item.slug) in gone
        else:
            assert response.status_code == 200, item.path
            assert response["ETag"] != tags[item.path], f"{item.path} kept its ETag"
            synced = {entry.get("slug", entry.get("view")) for entry in delta["upserts"].get(
                item.collection, [])}  # fmt: skip
            assert item.slug in synced, f"{item.collection}/{item.slug} is not in the delta"


@pytest.mark.parametrize("action", [0, 1, 2], ids=["create", "update", "delete"])
@pytest.mark.parametrize("model", list(RECIPES), ids=lambda model: model.__name__)
def test_every_change_reaches_readers(api, world, model, action):
    change, shown = RECIPES[model][action]
    if change is refused:
        pytest.skip("refused while a published step needs it: see the refused-delete test")
    before = observe(api, shown)
    change(world)
    assert_reached(api, before, shown)


@pytest.mark.parametrize(
    ("name", "delete"),
    [
        ("zone a published step uses", lambda w: w["liver"].delete()),
        ("area a published step works", lambda w: Area.objects.get().delete()),
        ("technique a step uses", lambda w: Technique.objects.get(slug="stroking").delete()),
        ("the safety screen", lambda w: SafetyScreen.objects.get().delete()),
        (
            "a general contraindication",
            lambda w: Contraindication.objects.get(applies_to_every_routine=True).delete(),
        ),
        (
            "an audience a published routine is for",
            lambda w: Audience.objects.get(slug="calm-people").delete(),
        ),
        ("a tool a published routine needs", lambda w: Tool.objects.get(slug="towel").delete()),
    ],
)
def test_a_refused_delete_changes_nothing(api, world, name, delete):
    position = current_position()
    with pytest.raises((UnsafeChange, ProtectedError)), transaction.atomic():
        delete(world)
    assert current_position() == position


# (owner, relation, target, reverse name, what shows a change of the link)
RELATIONS = [
    (lambda: Zone.objects.get(slug="liver"), "body_parts", lambda: BodyPartFactory(slug="extra"),
     "zones", [ZONE]),
    (lambda: Zone.objects.get(slug="liver"), "sources", lambda: SourceFactory(slug="extra"),
     "zones", [ZONE]),
    (lambda: Benefit.objects.get(slug="relax"), "audiences",
     lambda: AudienceFactory(slug="extra"), "benefits", [BENEFIT]),
    (lambda: Benefit.objects.get(slug="relax"), "sources", lambda: SourceFactory(slug="extra"),
     "benefits", [BENEFIT]),
    (lambda: Benefit.objects.get(slug="relax"), "zones", lambda: Zone.objects.get(slug="spare"),
     "benefits", [BENEFIT]),
    (lambda: Contraindication.objects.get(slug="dvt"), "zones",
     lambda: Zone.objects.get(slug="spare"), "contraindications", [CONTRAINDICATION]),
    (lambda: Contraindication.objects.get(slug="dvt"), "sources",
     lambda: SourceFactory(slug="extra"), "contraindications", [CONTRAINDICATION]),
    (lambda: Contraindication.objects.get(slug="dvt"), "techniques",
     lambda: TechniqueFactory(slug="extra"), "contraindications", [CONTRAINDICATION]),
    (lambda: Routine.objects.get(slug="calm"), "benefits", lambda: BenefitFactory(slug="extra"),
     "routines", [ROUTINE]),
    (lambda: Routine.objects.get(slug="calm"), "audiences",
     lambda: AudienceFactory(slug="extra"), "routines", [ROUTINE]),
    (lambda: Routine.objects.get(slug="calm"), "contraindications",
     lambda: ContraindicationFactory(slug="extra"), "routines", [ROUTINE]),
    (lambda: Zone.objects.get(slug="liver"), "overlaps", lambda: Zone.objects.get(slug="spare"),
     "overlaps", [ZONE]),
    (lambda: Routine.objects.get(slug="calm"), "tools", lambda: Tool.objects.create(slug="extra"),
     "routines", [ROUTINE]),
    (lambda: Routine.objects.get(slug="calm").steps.first(), "zones",
     lambda: Zone.objects.get(slug="spare"), "steps", [ROUTINE]),
]  # fmt: skip


def test_every_many_to_many_relation_is_covered(world):
    declared = {
        (model, field.name)
        for model in content_models()
        for field in model._meta.local_many_to_many
    }
    assert {(type(owner()), relation) for owner, relation, *_ in RELATIONS} == declared


LINK_CHANGES = {
    "add": lambda owner, relation, target, back: getattr(owner, relation).add(target),
    "add from the other side": lambda owner, relation, target, back: getattr(target, back).add(
        owner
    ),
    "remove": lambda owner, relation, target, back: getattr(owner, relation).remove(
        getattr(owner, relation).first()
    ),
    "remove from the other side": lambda owner, relation, target, back: getattr(
        getattr(owner, relation).first(), back
    ).remove(owner),
    "clear": lambda owner, relation, target, back: getattr(owner, relation).clear(),
    "clear from the other side": lambda owner, relation, target, back: getattr(
        getattr(owner, relation).first(), back
    ).clear(),
}


@pytest.mark.parametrize("how", list(LINK_CHANGES))
@pytest.mark.parametrize("relation", RELATIONS, ids=[f"{r[3]}.{r[1]}" for r in RELATIONS])
def test_every_link_change_reaches_readers(api, world, relation, how):
    owner, name, target, back, shown = relation
    before = observe(api, shown)
    with transaction.atomic():
        LINK_CHANGES[how](owner(), name, target(), back)
    assert_reached(api, before, shown)


BULK_UPDATES: dict[type, tuple[dict[str, Any], dict[str, Any], list[Shown]]] = {
    Source: ({"slug": "src"}, {"citation": "Bulk"}, [ZONE, BENEFIT, SRC]),
    BodyPart: ({"slug": "liver-part"}, {"name_en": "Bulk"}, [ZONE, BODY_PART]),
    Zone: ({"slug": "liver"}, {"name_en": "Bulk"}, [ZONE, ROUTINE]),
    ZoneShape: ({"zone__slug": "liver"}, {"polygons": [[[0.1, 0.1], [0.2, 0.1], [0.2, 0.2]]]},
                [ZONE]),
    FootOutline: ({"view": "plantar"}, {"aspect_ratio": 0.5}, [PLANTAR]),
    Landmark: ({"slug": "waistline"}, {"name_en": "Bulk"}, [PLANTAR]),
    Area: ({"slug": "whole-foot"}, {"name_en": "Bulk"}, [ROUTINE, WHOLE_FOOT, AREA_SHAPE]),
    AreaShape: ({"area__slug": "whole-foot"}, {"polygons": [[[0.1, 0.1], [0.2, 0.1], [0.2, 0.2]]]},
                [AREA_SHAPE]),
    Audience: ({"slug": "calm-people"}, {"name_en": "Bulk"}, [ROUTINE, BENEFIT]),
    Technique: ({"slug": "stroking"}, {"name_en": "Bulk"}, [ROUTINE]),
    Benefit: ({"slug": "relax"}, {"title_en": "Bulk"}, [BENEFIT, ROUTINE]),
    Contraindication: ({"slug": "dvt"}, {"name_en": "Bulk"}, [CONTRAINDICATION, ROUTINE]),
    Routine: ({"slug": "calm"}, {"title_en": "Bulk"}, [ROUTINE, BENEFIT]),
    Step: ({"position": 1}, {"duration_seconds": 99}, [ROUTINE]),
    Tool: ({"slug": "towel"}, {"name_en": "Bulk"}, [ROUTINE, TOWEL]),
    SafetyScreen: ({"pk": 1}, {"title_en": "Bulk"}, [SAFETY]),
    PressureLevel: ({"level": 1}, {"feels_like_en": "Bulk"}, [SAFETY]),
    Approval: ({"reviewer_name": "Rita Gray"}, {"reviewer_role": "nurse"}, [ROUTINE]),
}  # fmt: skip


def test_every_model_has_a_bulk_update_case():
    assert set(BULK_UPDATES) == content_models()


@pytest.mark.parametrize("model", list(BULK_UPDATES), ids=lambda model: model.__name__)
def test_queryset_update_reaches_readers(api, world, model):
    lookup, values, shown = BULK_UPDATES[model]
    before = observe(api, shown)
    assert model.objects.filter(**lookup).update(**values) == 1
    assert_reached(api, before, shown)


@pytest.mark.parametrize("model", list(BULK_UPDATES), ids=lambda model: model.__name__)
def test_bulk_update_reaches_readers(api, world, model):
    lookup, values, shown = BULK_UPDATES[model]
    before = observe(api, shown)
    rows = list(model.objects.filter(**lookup))
    for row in rows:
        for name, value in values.items():
            setattr(row, name, value)
    model.objects.bulk_update(rows, list(values))
    assert_reached(api, before, shown)


def test_queryset_delete_reaches_readers(api, world):
    shown = [Shown(BENEFIT.path, "benefits", "relax", deleted=True), ROUTINE]
    before = observe(api, shown)
    Benefit.objects.filter(slug="relax").delete()
    assert_reached(api, before, shown)


@pytest.mark.parametrize(
    ("action", "shown"),
    [
        ("withdraw", [Shown(ROUTINE.path, "routines", "calm", deleted=True), BENEFIT]),
        ("delete_selected", [Shown(ROUTINE.path, "routines", "calm", deleted=True), BENEFIT]),
    ],
)
def test_admin_list_actions_reach_readers(api, boss, world, action, shown):
    before = observe(api, shown)
    data = {"action": action, "_selected_action": [world["routine"].pk], "post": "yes"}
    response = boss.post(reverse("admin:routines_routine_changelist"), data)
    assert response.status_code == 302
    assert_reached(api, before, shown)


def test_admin_publish_action_reaches_readers(api, boss, world):
    world["routine"].withdraw()
    before = observe(api, [Shown(reverse("v1:routine-list"), "routines", "calm")])
    data = {"action": "publish", "_selected_action": [world["routine"].pk]}
    assert boss.post(reverse("admin:routines_routine_changelist"), data).status_code == 302
    assert_reached(api, before, [Shown(reverse("v1:routine-list"), "routines", "calm")])


def test_admin_drag_and_drop_ordering_reaches_readers(api, boss, world):
    listing = Shown(reverse("v1:technique-list"), "techniques", "stroking")
    before = observe(api, [listing])
    stroking, unused = Technique.objects.get(slug="stroking"), Technique.objects.get(slug="unused")
    response = boss.post(
        reverse("admin:routines_technique_sortable_update"),
        {"updatedItems": [[stroking.pk, unused.position], [unused.pk, stroking.position]]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert_reached(api, before, [listing])
