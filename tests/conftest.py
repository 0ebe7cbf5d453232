import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation
from rest_framework.test import APIClient

from footcare.api.response_cache import breaker, recent
from tests import pack_rows

# The fixtures through which a test reaches the test database (``db`` and ``transactional_db``
# ask for ``django_db_setup``, so does ``shipped_pack``).
DATABASE_FIXTURES = {"django_db_setup", "db", "transactional_db"}


# The modules whose tests take tens of seconds each run (the sum of their `--durations=0`
# times, two workers on 2 cores while another suite ran, so about twice a quiet machine's):
# they replay editors' days, load and export the whole pack,
# write trees of every answer, or build catalogues at two sizes. `make test` runs them;
# `make test-fast` leaves them out, so that a developer's loop stays under a minute.
SLOW_MODULES = {
    "tests/api/test_journal_completeness.py",  # 183 s: every model, every way of changing it
    "tests/test_publishing.py",  # 126 s: the edge tree written after each kind of edit
    "tests/test_content_packs.py",  # 84 s: load, overwrite and export the whole pack
    "tests/api/test_caching.py",  # 71 s: stored answers on both cache backends
    "tests/routines/test_query_counts.py",  # 55 s: catalogues of 5 and 20 routines
    "tests/zones/test_query_counts.py",  # 33 s: maps of 10 and 40 zones
    "tests/api/test_sync.py",  # 46 s: an editor's day replayed through delta syncs
    "tests/api/test_lean_sync.py",  # 42 s: the same through the lean sync
    "tests/security/test_history_restore.py",  # 41 s: restores of every kind of item
    "tests/api/test_contract_exactness.py",  # 35 s: every shipped answer against the contract
    "tests/security/test_shared_cache.py",  # 32 s
    "tests/security/test_admin_search.py",  # 25 s
    "tests/zones/test_content_pack.py",  # 23 s
    "tests/routines/test_content_pack.py",  # 16 s
    "tests/test_dashboard.py",  # 21 s
    "tests/test_run_local.py",  # 19 s
    "tests/test_content_rules.py",  # 15 s: every rule on the shipped pack
}


@pytest.hookimpl(tryfirst=True)  # before ``-m`` deselects by the markers added here
@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Markers that follow from what a test asks for or where it stands, for ``-m``:
    ``database`` for every test that reaches the test database (pytest-django refuses the
    others any query), ``server`` for the live server's and nginx's tests, ``slow`` for the
    tests of ``SLOW_MODULES``.

    And groups for ``-n --dist loadgroup`` (the Makefile's): the tests that share an
    expensive fixture run in one worker, which makes it once (nginx, gunicorn and their tree
    for ``edge``, about 30 s; the browser and live server for ``browser``), where spread
    over both workers each would make its own."""
    for item in items:
        for shared in ("edge", "browser"):
            if item.get_closest_marker(shared):
                item.add_marker(pytest.mark.xdist_group(shared))
        if item.nodeid.split("::", 1)[0] in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.get_closest_marker("django_db") or fixtures & DATABASE_FIXTURES:
            item.add_marker(pytest.mark.database)
        if "live_server" in fixtures or item.get_closest_marker("edge"):
            item.add_marker(pytest.mark.server)


class EdgeFirst:
    """Puts the ``edge`` group at the head of the run, where a worker takes it first.

    ``make test`` keeps the order pytest-django gives (``--no-loadscope-reorder``), in which
    the tests that flush the database (transactional ones, the ``browser`` group) come after
    every test that expects the migrated rows (the roles, the content types): xdist's own
    order, biggest group first, sent the browser group's flush ahead of hundreds of tests.
    The edge tests bring a database of their own, so they may go anywhere; at the head, their
    minute of nginx and gunicorn overlaps the rest instead of ending the run alone.
    """

    @pytest.hookimpl(trylast=True)  # after pytest-django has ordered the tests
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=lambda item: item.get_closest_marker("edge") is None)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(EdgeFirst(), "footcare-edge-first")


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    # Throttle counters and stored responses must not leak from one test into the next (each
    # test's database starts the journal again, so versions repeat from test to test).
    cache.clear()
    recent.clear()
    breaker.closed_after = 0.0
    # A request's language stays active in the thread after it (as in any worker, where the
    # next request chooses again); tests that call code directly start from the default.
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _quick_password_hashing(request) -> None:
    """Passwords hashed in microseconds, in every test but the ``server`` ones: a real login
    hashes for about 0.46 s here on purpose, and ``editor``, ``boss``, pytest-django's
    ``admin_user`` and the lockout tests make users by the dozen. The settings keep Django's
    default hashers; a server in a process of its own would not know this one."""
    if request.node.get_closest_marker("server") is None:
        settings = request.getfixturevalue("settings")
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _publishable(request) -> None:
    """What every published routine relies on: the safety screen, written in both languages,
    and a contraindication that applies to every routine. Tests that need a database start
    with both (``@pytest.mark.bare_safety`` for those about their absence); the content pack
    replaces them with its own."""
    uses_database = request.node.get_closest_marker("django_db") or any(
        name in request.fixturenames for name in ("db", "transactional_db")
    )
    if not uses_database or request.node.get_closest_marker("bare_safety"):
        return
    request.getfixturevalue(
        "transactional_db" if "transactional_db" in request.fixturenames else "db"
    )
    publishable()


def publishable() -> None:
    """Write the safety screen and a general contraindication, unless there are some."""
    from routines.models import Contraindication, SafetyScreen
    from tests.factories import ContraindicationFactory, safety_screen

    if not SafetyScreen.objects.exists():
        safety_screen()
    if not Contraindication.objects.filter(applies_to_every_routine=True).exists():
        ContraindicationFactory(
            slug="general-caution",
            name_en="Any condition a doctor is treating",
            name_ru="Любое заболевание под наблюдением врача",
            applies_to_every_routine=True,
        )


def made_once_per_module(build: Callable[[], dict[str, Any]]) -> Any:
    """A module-scoped fixture of the rows ``build()`` makes (a dict of model instances), for
    a module whose tests all start from them.

    Made once per module and worker, in a transaction rolled back after the module, as
    ``shipped_pack`` is; each test runs in a savepoint of its own. Ask for it through a
    function fixture that returns ``fresh(rows)``: each test gets the rows read again, so what
    one test changes, in the database or on an instance, the next does not see. A module's
    factories took about a second per test; building once saves that for every test but one.

    Every test of such a module should ask for it: once made, the rows are there for the rest
    of the module, so a test that does not ask would see them or not by the order of the run.
    """

    @pytest.fixture(scope="module")
    def made(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
        with django_db_blocker.unblock(), transaction.atomic():
            with translation.override(settings.LANGUAGE_CODE):
                publishable()
                rows = build()
            yield rows
            transaction.set_rollback(True)

    return made


def fresh(rows: dict[str, Any]) -> dict[str, Any]:
    """Each row read again from the database (see ``made_once_per_module``)."""
    return {name: type(row)._default_manager.get(pk=row.pk) for name, row in rows.items()}


@pytest.fixture
def editor(client):
    """The test client, logged in as a staff member of the Editors group (no superuser)."""
    user = User.objects.create_user("edith", password="a-long-passphrase", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def boss(client):
    """The test client, logged in as a superuser."""
    client.force_login(User.objects.create_superuser("boss", password="a-long-passphrase"))
    return client


@pytest.fixture(scope="session")
def _loaded_pack() -> dict[str, Any]:
    """What the first ``load_content`` of this test process printed and left in the database
    (``tests/pack_rows.py``); empty until a module asks for the pack."""
    return {}


@pytest.fixture(scope="module")
def shipped_pack(django_db_setup, django_db_blocker, _loaded_pack) -> Iterator[str]:
    """The shipped content pack, in a transaction rolled back after the module; each test runs
    in a savepoint of its own, so what one test changes the next does not see. The first module
    of a process runs ``load_content``; later ones get its rows copied in (6 s against 0.2 s).
    Gives what ``load_content`` printed."""
    with django_db_blocker.unblock(), transaction.atomic():
        if _loaded_pack:
            pack_rows.put(_loaded_pack["rows"])
        else:
            out = io.StringIO()
            # In the default language whatever the test before left active: the fixture runs
            # before the next test's own reset, and the report and history's comments are
            # written in the active language.
            with translation.override(settings.LANGUAGE_CODE):
                call_command("load_content", stdout=out)
            _loaded_pack.update(printed=out.getvalue(), rows=pack_rows.take())
        yield _loaded_pack["printed"]
        transaction.set_rollback(True)
