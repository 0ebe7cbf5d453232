"""A database the previous release made, with an editor's work in it, upgrades and gets the
corrections: `migrate`, `load_content`, then `load_content --overwrite` (after its dry run).

The previous release is built by its own code (``tests/previous_release.py``: ``git archive``
of release 6ddff30, its ``migrate`` and ``load_content`` in a subprocess, then an editor's
changes through its models), on SQLite and on PostgreSQL; today's commands run in
subprocesses against it, as an operator runs them. About 40 s per database.
"""

import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings

from footcare.content.packs import read_pack
from tests.previous_release import (
    EDITOR_S_CHANGES,
    RELEASE,
    ROOT,
    build,
    manage,
    release_available,
    unpack,
)

SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"
# What the editor changed (tests/previous_release.py), as the overwrite names the items.
EDITED = {"routines.routine relaxing-full-foot-massage", "zones.zone liver"}

pytestmark = [
    pytest.mark.server,  # the release's and today's manage.py in subprocesses
    pytest.mark.skipif(bool(release_available()), reason=release_available()),
]


@pytest.fixture(scope="module")
def previous_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unpack(RELEASE, tmp_path_factory.mktemp("previous-release"))


def _postgres_reachable() -> str:
    try:
        psycopg.connect(SERVER, connect_timeout=3).close()
    except psycopg.OperationalError as error:
        return f"no PostgreSQL at 127.0.0.1:5432 ({error})"
    return ""


def _engines() -> list[str]:
    """The engine this run tests: each upgrade takes about 45 s, and CI's PostgreSQL pass
    (DATABASE_URL=postgres://…) upgrades on PostgreSQL while its SQLite pass, like a
    newcomer's ``make test``, upgrades on SQLite."""
    return [
        "postgresql" if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") else "sqlite"
    ]


@pytest.fixture(params=_engines())
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database of the run's engine, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/upgraded.sqlite3"
        return
    if reason := _postgres_reachable():
        pytest.skip(reason)
    name = f"footcare_upgrade_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(SERVER, autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(SERVER, autocommit=True) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def today(database_url: str, *args: str) -> str:
    return manage(ROOT, database_url, *args)


def violations_of(database_url: str) -> list[str]:
    """check_content's findings (it exits non-zero when there are any)."""
    try:
        out = today(database_url, "check_content")
    except RuntimeError as failed:
        out = str(failed)
    return [line for line in out.splitlines() if line.endswith("]")]


def journal_position(database_url: str) -> int:
    """Where the content change journal stands: it moves with any change a reader can see."""
    code = "from footcare.content.journal import current_position; print(current_position())"
    return int(today(database_url, "shell", "-v0", "-c", code))


def probe(database_url: str) -> dict[str, Any]:
    printed = today(
        database_url, "shell", "-v0", "-c", "from tests.previous_release import probe; probe()"
    )
    return json.loads(printed)


def test_an_upgraded_database_keeps_the_editors_work_and_gets_every_correction(
    previous_release: Path, database_url: str
) -> None:
    build(previous_release, database_url)
    manage(previous_release, database_url, "shell", "-c", EDITOR_S_CHANGES)

    today(database_url, "migrate", "--noinput", "-v0")
    today(database_url, "load_content")
    before = violations_of(database_url)
    position = journal_position(database_url)
    dry_run = today(database_url, "load_content", "--overwrite", "--dry-run")
    assert journal_position(database_url) == position  # the dry run changed nothing
    out = today(database_url, "load_content", "--overwrite")
    after = probe(database_url)

    # The dry run shows the diff field by field, and what the overwrite will keep and why.
    assert re.search(
        r"^  routine (?!relaxing-)[\w-]+: step \d+: instruction_ru: '.+' -> '", dry_run, re.M
    )
    assert re.search(r"^  zone (?!liver)[\w-]+: \w+: .+ -> ", dry_run, re.M)
    for said in (dry_run, out):
        assert (
            "kept: routine relaxing-full-foot-massage: changed by editors (steps); breaks" in said
        )
        assert "kept: zone liver: changed by editors (name)" in said
        assert "kept: routine desk-break-draft: deleted by editors, not re-created" in said

    # Nothing else is taken for the editors' work: every other item matched its fingerprint.
    kept_items = set(re.findall(r"^  kept: ([\w ]+? [\w-]+): ", out, re.M))
    assert {item for item in kept_items if not item.startswith("source ")} == {
        "routine relaxing-full-foot-massage",
        "zone liver",
        "routine desk-break-draft",
    }

    # What the pack no longer has is gone, unless an item kept for the editors still uses it.
    assert re.search(r"zones: .*\d+ sources removed", out)

    # Every edit stands.
    assert after["step_1"].endswith("as our editor wrote it.")
    assert after["liver_ru"] == "Печень (правка редактора)"
    assert after["draft_deleted"]

    # Every routine editors left alone is now the pack's, step by step.
    shipped = {item["slug"]: item for item in read_pack(ROOT / "routines" / "data")["routines"]}
    for slug, item in shipped.items():
        if slug in ("relaxing-full-foot-massage", "desk-break-draft"):
            continue
        assert_as_the_pack_says(item, after["routines"][slug], where=slug)

    # What is left breaking a rule is in the items kept for the editors, or the catalogue as a
    # whole because of them (the kept old full session is not the pack's 30-minute one).
    kept = EDITED | {
        f"zones.source {line.split()[2].rstrip(':')}"
        for line in out.splitlines()
        if line.startswith("  kept: source ")
    }
    assert len(after["violations"]) < len(before)
    for violation in after["violations"]:
        assert set(violation["items"]) <= kept, violation["text"]
    assert any(
        v["items"] == ["routines.routine relaxing-full-foot-massage"] for v in after["violations"]
    )
    print(f"\n{database_url.split(':')[0]}: {len(before)} violations before, "
          f"{len(after['violations'])} after")  # fmt: skip

    # The dashboard lists those items, linked to their pages, in both languages.
    for language, heading, routine, catalogue in DASHBOARD:
        board = after["dashboard"][language]
        assert board["heading"] == heading
        entries = {label: (url, tag) for label, url, tag in board["entries"]}
        assert "/admin/routines/routine/" in entries[routine][0]
        if any(not violation["items"] for violation in after["violations"]):
            assert entries[catalogue] == (None, "")
        sources = [url for url, tag in entries.values() if url and "/admin/zones/source/" in url]
        assert len(sources) == len(kept - EDITED)
        assert board["linked"]


# (language, the panel's heading, the edited routine's title, the entry for the catalogue)
DASHBOARD = [
    ("en", "Content that breaks the rules", "Relaxing full foot massage", "The content as a whole"),
    (
        "ru",
        "Содержимое, нарушающее правила",
        "Расслабляющий массаж всей стопы",
        "Содержимое в целом",
    ),
]


def assert_as_the_pack_says(pack: dict[str, Any], stored: dict[str, Any], *, where: str) -> None:
    """Each field the pack item gives has that value in the database's export of the item."""
    for name, value in pack.items():
        if name == "steps":
            assert len(stored["steps"]) == len(value), where
            pairs = zip(value, stored["steps"], strict=True)
            for number, (step, stored_step) in enumerate(pairs, start=1):
                assert_as_the_pack_says(step, stored_step, where=f"{where}, step {number}")
        elif isinstance(value, dict):  # a translated text
            texts = {code: text.strip() for code, text in value.items() if text}
            assert stored.get(name, {}) == texts, f"{where}: {name}"
        elif isinstance(value, list):
            assert sorted(stored.get(name, [])) == sorted(value), f"{where}: {name}"
        else:
            assert stored.get(name) == value, f"{where}: {name}"
