"""The migrations that gave existing rows their ids give them the ids the pack would.

In a module of its own: the migrations' functions walk every row, and in a module that loads
the shipped pack they took 22 s instead of a tenth of a second.
"""

import importlib
import uuid

import pytest
from django.apps import apps

from footcare.content.identity import pack_id
from tests.factories import RoutineFactory, ZoneFactory
from zones.models import Zone

pytestmark = pytest.mark.django_db


def test_existing_rows_get_the_ids_the_pack_would_give_them():
    zone = ZoneFactory(slug="liver")
    Zone.objects.filter(pk=zone.pk).update(uuid=uuid.uuid4())  # as a row before the migration
    importlib.import_module("zones.migrations.0004_ids").give_ids(apps, None)
    assert Zone.objects.get(pk=zone.pk).uuid == pack_id("zones.zone", "liver")
    routine = RoutineFactory(slug="evening")
    importlib.import_module("routines.migrations.0006_ids").give_ids(apps, None)
    routine.refresh_from_db()
    assert routine.uuid == pack_id("routines.routine", "evening")
