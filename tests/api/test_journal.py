"""The content change journal: every visible change, in the writer's transaction, in order."""

import json
import threading
import time

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.urls import reverse

from footcare.content import journal
from footcare.models import ContentChange
from routines.models import Routine
from tests.factories import (
    BenefitFactory,
    BodyPartFactory,
    ContraindicationFactory,
    RoutineFactory,
    StepFactory,
    TechniqueFactory,
    ZoneFactory,
)
from zones.models import Zone

pytestmark = pytest.mark.django_db


def entries_after(position):
    return list(
        ContentChange.objects.filter(position__gt=position).values_list(
            "resource", "slug", "action"
        )
    )


@pytest.fixture
def mark():
    """Returns a function giving the entries written since it was called."""

    def since():
        start = journal.current_position()
        return lambda: entries_after(start)

    return since


def test_positions_are_contiguous_and_ordered(mark):
    changes = mark()
    ZoneFactory(slug="a")
    ZoneFactory(slug="b")
    positions = list(ContentChange.objects.values_list("position", flat=True))
    assert positions == list(range(positions[0], positions[0] + len(positions)))
    assert ("zone", "a", "upsert") in changes() and ("zone", "b", "upsert") in changes()


def test_edits_translations_and_deletes_of_a_zone(mark):
    part = BodyPartFactory(slug="liver")
    zone = ZoneFactory(slug="liver", body_parts=[part])
    changes = mark()
    zone.name_ru = "Печень"
    zone.save()
    # The body part shows a copy of the zone's name: refreshed, not changed itself.
    assert changes() == [("zone", "liver", "upsert"), ("body_part", "liver", "refresh")]
    changes = mark()
    zone.delete()
    on_zone = [action for resource, _slug, action in changes() if resource == "zone"]
    assert on_zone[-1] == "delete"  # the last word on the zone, whatever its parts said
    assert ("body_part", "liver", "upsert") in changes()  # its own list of zones changed


def test_a_renamed_slug_deletes_the_old_one(mark):
    zone = ZoneFactory(slug="old")
    changes = mark()
    zone.slug = "new"
    zone.save()
    assert changes()[:2] == [("zone", "old", "delete"), ("zone", "new", "upsert")]


def test_drafts_write_nothing_until_published(mark):
    technique = TechniqueFactory()
    changes = mark()
    routine = RoutineFactory(slug="draft")
    step = StepFactory(routine=routine, technique=technique)
    routine.title_en = "Still a draft"
    routine.save()
    step.duration_seconds = 90
    step.save()
    routine.benefits.add(BenefitFactory(slug="calm"))
    assert [c for c in changes() if c[0] == "routine"] == []

    changes = mark()
    routine.publish()
    assert ("routine", "draft", "upsert") in changes()
    assert ("benefit", "calm", "upsert") in changes()  # its page lists the routine now

    changes = mark()
    step.position, step.title_en = 1, "Reworded"
    step.save()
    assert changes() == [("routine", "draft", "upsert")]

    changes = mark()
    routine.withdraw()
    assert ("routine", "draft", "delete") in changes()

    changes = mark()
    routine.delete()  # a draft again: deleting it is invisible
    assert [c for c in changes() if c[0] == "routine"] == []


def test_embedded_summaries_follow_their_source(mark):
    technique = TechniqueFactory(slug="stroking")
    zone = ZoneFactory(slug="webs")
    routine = RoutineFactory(slug="calm")
    StepFactory(routine=routine, technique=technique, zones=[zone])
    routine.publish()
    changes = mark()
    technique.name_en = "Gliding"
    technique.save()
    assert changes() == [("technique", "stroking", "upsert"), ("routine", "calm", "refresh")]
    changes = mark()
    zone.name_en = "Toe webs"
    zone.save()
    assert ("routine", "calm", "refresh") in changes()


def test_starting_to_show_an_item_is_a_change_of_ones_own(mark):
    """A routine that starts listing a contraindication (it became general) changed itself;
    one that goes on listing it only shows a changed copy."""
    listed = RoutineFactory(slug="listed")
    StepFactory(routine=listed)
    unlisted = RoutineFactory(slug="unlisted")
    StepFactory(routine=unlisted)
    item = ContraindicationFactory(slug="clot")
    listed.contraindications.add(item)
    listed.publish()
    unlisted.publish()
    changes = mark()
    item.applies_to_every_routine = True
    item.save()
    assert ("routine", "listed", "refresh") in changes()
    assert ("routine", "unlisted", "upsert") in changes()
    assert ("safety", "safety", "upsert") in changes()


def test_deletions_and_renames_record_the_items_id():
    zone = ZoneFactory(slug="old")
    start = journal.current_position()
    zone.slug = "new"
    zone.save()
    zone.delete()
    recorded = ContentChange.objects.filter(position__gt=start, resource="zone")
    assert {
        ("old", "delete", zone.uuid),
        ("new", "upsert", zone.uuid),
        ("new", "delete", zone.uuid),
    } <= set(recorded.values_list("slug", "action", "item_id"))


def test_dragging_rows_in_a_change_list_is_journaled(admin_client, mark):
    first, second = ZoneFactory(slug="first", position=1), ZoneFactory(slug="second", position=2)
    changes = mark()
    response = admin_client.post(
        reverse("admin:zones_zone_sortable_update"),
        data=json.dumps({"updatedItems": [[second.pk, 1], [first.pk, 2]]}),
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    zones = sorted(change for change in changes() if change[0] == "zone")
    assert zones == [("zone", "first", "upsert"), ("zone", "second", "upsert")]
    assert list(Zone.objects.values_list("slug", flat=True)) == [
        "second",
        "first",
    ]


def test_a_rolled_back_change_leaves_no_entry(mark):
    changes = mark()
    with pytest.raises(RuntimeError), transaction.atomic():
        ZoneFactory(slug="ghost")
        raise RuntimeError("editor's save failed")
    assert changes() == []


@pytest.mark.bare_safety  # counts every journal entry: start with none
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_concurrent_writers_commit_in_position_order():
    if connection.vendor != "postgresql":
        pytest.skip("SKIPPED: concurrent writers need PostgreSQL (DATABASE_URL=postgres://…)")
    start = journal.current_position()
    first_holds_lock = threading.Event()
    seen_while_first_open: list[int] = []
    order: list[str] = []

    def first():
        with transaction.atomic():
            journal.record(journal.upserted("zone", ["first"]))
            first_holds_lock.set()
            time.sleep(0.5)  # commits late: a second writer must not commit before it
            order.append("first committed")
        connection.close()

    def second():
        first_holds_lock.wait()
        with transaction.atomic():
            journal.record(journal.upserted("zone", ["second"]))
            order.append("second committed")
        connection.close()

    def reader():
        first_holds_lock.wait()
        time.sleep(0.2)
        seen_while_first_open.append(journal.current_position())
        seen_while_first_open.append(ContentChange.objects.filter(position__gt=start).count())
        connection.close()

    threads = [threading.Thread(target=f) for f in (first, second, reader)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert order == ["first committed", "second committed"]
    # While the first writer was open, a reader saw neither entry: nothing to skip later.
    assert seen_while_first_open == [start, 0]
    assert list(ContentChange.objects.values_list("position", "slug")) == [
        (start + 1, "first"),
        (start + 2, "second"),
    ]


@pytest.mark.slow  # loads the whole pack into an empty database: about 10 s
def test_the_loader_reaches_readers(api):
    """Loading the pack is writing content like any other: the journal records it."""
    position = journal.current_position()
    token = api.get(reverse("v1:sync")).json()["next_token"]
    call_command("load_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert journal.current_position() > position
    delta = api.get(reverse("v1:sync"), {"token": token}).json()
    assert len(delta["upserts"]["zones"]) == Zone.objects.count()
    assert len(delta["upserts"]["routines"]) == Routine.objects.published().count()
