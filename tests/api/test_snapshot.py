"""Every answer is one snapshot of the content, however editors commit while it is made.

A gunicorn process serves the lean sync while an editor, in this process, keeps adding a body
part to every zone and deleting it again: each answer must name in ``zones[].body_parts``
only body parts it holds, and its token must be the position of the content it shows.
Without a snapshot, the zones were read before a delete and the body parts after it.
"""

import json
import threading

import pytest
from django.db import connection
from django.urls import reverse

from footcare.content.sync import read_token
from tests.api.lean_client import by_id
from tests.api.test_lean_sync import referenced
from tests.factories import BodyPartFactory, ZoneFactory
from tests.servers import Server
from zones.models import BodyPart, Zone

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.server,
]
LEAN = reverse("v1:lean-sync")
ANSWERS = 200


def dangling(body: dict) -> list[tuple[str, str, str]]:
    held = by_id(body["upserts"])
    return [
        (collection, target, ref)
        for collection, items in body["upserts"].items()
        for item in items
        for target, ref in referenced(collection, item)
        if ref not in held[target]
    ]


def edit_until(stop: threading.Event, edits: list[int]) -> None:
    """An editor's day, in a loop: a body part linked to every zone, then deleted."""
    try:
        zones = list(Zone.objects.all())
        while not stop.is_set():
            part = BodyPartFactory(slug=f"passing-{len(edits)}")
            part.zones.set(zones)
            part.delete()
            edits.append(1)
    finally:
        connection.close()  # this thread's connection


def test_no_answer_names_an_item_it_does_not_hold_while_editors_delete():
    parts = [BodyPartFactory() for _ in range(8)]
    for n in range(16):
        ZoneFactory(body_parts=parts[n % 8 : n % 8 + 2])
    server = Server()
    stop = threading.Event()
    edits: list[int] = []
    editor = threading.Thread(target=edit_until, args=(stop, edits))
    editor.start()
    broken, seen = [], set()
    try:
        for n in range(ANSWERS):
            status, _headers, body = server.get(f"{LEAN}?lang={'ru' if n % 2 else 'en'}")
            assert status == 200, body[:500]
            answer = json.loads(body)
            seen.add(len(answer["upserts"]["body_parts"]))
            if problems := dangling(answer):
                broken.append(problems[0])
    finally:
        stop.set()
        editor.join(timeout=30)
        server.stop()
    assert len(edits) > 20, "the editor hardly ran: the test proved nothing"
    assert seen == {8, 9}, "answers should be made both with and without the passing part"
    assert broken == [], f"{len(broken)} of {ANSWERS} answers named what they do not hold"
    assert BodyPart.objects.count() == 8


def test_a_delta_from_an_answers_token_brings_what_changed_after_it():
    """The token is the position of the content the answer shows: a delta from it brings the
    deleted part's deletion only if the answer still held the part."""
    base = {ZoneFactory().body_parts.get().slug for _ in range(3)}
    server = Server()
    stop = threading.Event()
    edits: list[int] = []
    editor = threading.Thread(target=edit_until, args=(stop, edits))
    editor.start()
    mismatched = []
    try:
        for n in range(60):
            _status, _headers, body = server.get(f"{LEAN}?lang={'ru' if n % 2 else 'en'}")
            answer = json.loads(body)
            held = {part["slug"] for part in answer["upserts"]["body_parts"]}
            position = read_token(answer["next_token"], through=10**9, compacted=0)
            # What the journal had committed at that position, about the passing parts.
            created, deleted = _passing_parts_at(position)
            if held - base != created - deleted:
                mismatched.append((position, sorted(held)))
    finally:
        stop.set()
        editor.join(timeout=30)
        server.stop()
    assert mismatched == []


def _passing_parts_at(position: int) -> tuple[set[str], set[str]]:
    from footcare.models import ContentChange

    changes = ContentChange.objects.filter(
        resource="body_part", slug__startswith="passing-", position__lte=position
    )
    created = {c.slug for c in changes if c.action == "upsert"}
    deleted = {c.slug for c in changes if c.action == "delete"}
    return created, deleted
