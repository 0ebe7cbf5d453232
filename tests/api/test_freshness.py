"""No process serves content older than the last committed change.

The content version is the journal's position in the database, so every process agrees on it
whatever the cache: separate server processes with their own in-process caches, a change made
by a script in yet another process, no cache at all, and a shared cache that missed changes
while it was down.
"""

import subprocess
import sys
from collections.abc import Iterator

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from routines.models import Technique
from tests.factories import TechniqueFactory
from tests.servers import ROOT, Server, child_environment
from tests.shared_cache import redis_cache

# Committed data, which the servers started here can see. serialized_rollback, as in the other
# live-server tests, so that the tables are put back the way those tests expect them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
DETAIL = reverse("v1:technique-detail", args=["kneading"])


@pytest.fixture
def servers() -> Iterator[tuple[Server, Server]]:
    first = Server()
    try:
        second = Server()
    except Exception:
        first.stop()
        raise
    try:
        yield first, second
    finally:
        first.stop()
        second.stop()


@pytest.fixture
def technique():
    return TechniqueFactory(slug="kneading", name_en="Kneading", name_ru="Разминание")


@pytest.mark.server
def test_an_admin_edit_through_one_server_is_read_at_once_through_the_other(servers, technique):
    editing, reading = servers
    User.objects.create_superuser("boss", password="a-long-passphrase")
    # Both servers have stored the old answer in their own (per-process) caches.
    assert editing.get_json(DETAIL)["name"] == "Kneading"
    assert reading.get_json(DETAIL)["name"] == "Kneading"
    editing.log_in("boss", "a-long-passphrase")
    change = reverse("admin:routines_technique_change", args=[technique.pk])
    status = editing.post_form(
        change,
        {
            "slug": "kneading",
            "name_en": "Deep kneading",
            "name_ru": "Глубокое разминание",
            "how_to_en": technique.how_to_en,
            "how_to_ru": technique.how_to_ru,
            "image_alt_en": technique.image_alt_en,
            "image_alt_ru": technique.image_alt_ru,
            "position": str(technique.position),
        },
    )
    assert status == 200  # the redirect to the change list, followed
    assert Technique.objects.get(pk=technique.pk).name_en == "Deep kneading"
    for _ in range(5):
        assert reading.get_json(DETAIL)["name"] == "Deep kneading"
        assert editing.get_json(DETAIL)["name"] == "Deep kneading"


@pytest.mark.server
def test_an_edit_from_manage_py_shell_is_read_at_once_by_a_running_server(servers, technique):
    server, _ = servers
    assert server.get_json(DETAIL)["name"] == "Kneading"
    script = (
        "from routines.models import Technique\n"
        "technique = Technique.objects.get(slug='kneading')\n"
        "technique.name_en = 'Kneading, from a script'\n"
        "technique.save()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT, env=child_environment(), check=True, timeout=60,
    )  # fmt: skip
    assert server.get_json(DETAIL)["name"] == "Kneading, from a script"


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.core.cache.backends.dummy.DummyCache",
    ],
    ids=["locmem", "none"],
)
def test_any_cache_backend_answers_with_the_committed_content(api, settings, technique, backend):
    settings.CACHES = {"default": {"BACKEND": backend}}
    assert api.get(DETAIL).json()["name"] == "Kneading"
    Technique.objects.filter(pk=technique.pk).update(name_en="Kneading, in bulk")
    assert api.get(DETAIL).json()["name"] == "Kneading, in bulk"


def test_after_a_cache_outage_nobody_is_served_what_it_missed(api, settings, technique):
    shared = redis_cache("footcare-freshness")
    settings.CACHES = {"default": shared}
    cache.clear()
    assert api.get(DETAIL).json()["name"] == "Kneading"  # stored in Redis
    stored_before = set(cache._cache.get_client().keys("*footcare-freshness*"))
    assert stored_before

    # Redis goes away; an editor saves meanwhile (nothing can tell the cache).
    settings.CACHES = {"default": shared | {"LOCATION": "redis://127.0.0.1:1/0"}}
    technique.name_en = "Kneading, saved during the outage"
    technique.save()
    assert api.get(DETAIL).json()["name"] == "Kneading, saved during the outage"

    # Redis is back with the old answer still in it: it is never served again.
    settings.CACHES = {"default": shared}
    assert set(cache._cache.get_client().keys("*footcare-freshness*")) >= stored_before
    assert api.get(DETAIL).json()["name"] == "Kneading, saved during the outage"
    cache.clear()


def test_the_version_is_read_from_the_database_on_every_request(api, technique, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    api.get(DETAIL)
    with CaptureQueriesContext(connection) as queries:
        assert api.get(DETAIL).status_code == 200  # a stored answer
    assert [query["sql"] for query in queries] == [
        "SELECT last_position, last_changed, compacted_through FROM footcare_journalcounter "
        "WHERE id = 1"
    ]
