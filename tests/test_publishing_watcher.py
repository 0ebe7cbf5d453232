"""The publishing worker's rule: nginx serves the content's latest version or no tree at all,
whatever goes wrong (a failed render, the database away, the worker stopped)."""

import pytest
from django.db import OperationalError
from django.urls import reverse

from footcare.content.journal import version
from footcare.edge import watcher as publishing_watcher
from footcare.edge.tree import EMPTY, LIVE, PAUSED, Tree, pause_tree, tree_state
from footcare.edge.watcher import Watcher
from routines.models import Routine
from tests.factories import published_routine
from tests.test_publishing import ORIGIN, live_link

pytestmark = pytest.mark.django_db

DETAIL = reverse("v1:routine-detail", args=["calm"])


class Recorder:
    """What a watcher reported and warned of."""

    def __init__(self) -> None:
        self.published: list[Tree] = []
        self.warnings: list[str] = []

    def watcher(self, directory) -> Watcher:
        return Watcher(directory, ORIGIN, report=self.published.append, warn=self.warnings.append)


def edit_calm(title: str) -> None:
    routine = Routine.objects.get(slug="calm")
    routine.title_en = title
    routine.save()


def serving(directory) -> bool:
    """Whether nginx would find the routine's answer in the tree."""
    return live_link(directory, "en", DETAIL).exists()


def disk_full(*args, **kwargs):
    raise OSError(28, "No space left on device")


def database_away():
    raise OperationalError("connection refused")


@pytest.fixture
def directory(tmp_path):
    published_routine("calm")
    return tmp_path / "published"


def test_a_change_that_cannot_be_published_takes_the_tree_out_of_service(directory, monkeypatch):
    recorder = Recorder()
    watcher = recorder.watcher(directory)
    watcher.look()
    assert serving(directory)
    first = recorder.published[-1]

    edit_calm("Calm, edited")
    with monkeypatch.context() as patched:
        patched.setattr(publishing_watcher, "write_tree", disk_full)
        watcher.look()
    assert not serving(directory)
    assert "No space left on device" in recorder.warnings[-1]
    assert "withdrawn" in recorder.warnings[-1]
    # live still resolves (nginx may have just found a path through it), to nothing
    assert (directory / LIVE).resolve() == (directory / EMPTY).resolve()
    assert tree_state(directory) is None

    watcher.look()  # the disk has room again
    assert serving(directory)
    assert b"Calm, edited" in (live_link(directory, "en", DETAIL) / "body").read_bytes()
    state = tree_state(directory)
    assert state is not None and state.position == version().position
    # It started from the withdrawn tree, as from a live one: only what the edit shows.
    assert recorder.published[-1].rendered < first.rendered
    assert not (directory / PAUSED).exists()


def test_a_failure_once_what_changed_is_live_leaves_the_current_tree(directory, monkeypatch):
    recorder = Recorder()
    watcher = recorder.watcher(directory)
    watcher.write_tree(complete=False)  # what changed is live; the full syncs are still to come
    state = tree_state(directory)
    assert state is not None and not state.complete

    monkeypatch.setattr(publishing_watcher, "write_tree", disk_full)
    watcher.look()  # the full syncs fail
    assert serving(directory)
    assert "stays" in recorder.warnings[-1]


def test_with_the_database_away_a_current_tree_stays_and_an_unknown_one_goes(
    directory, monkeypatch
):
    recorder = Recorder()
    watcher = recorder.watcher(directory)
    watcher.look()

    monkeypatch.setattr(publishing_watcher, "version", database_away)
    # Nothing can commit while the database is away: the tree current at the last look is.
    watcher.look()
    assert serving(directory)
    assert "unavailable" in recorder.warnings[-1]

    # A watcher that never reached the database cannot know the tree is current.
    recorder.watcher(directory).look()
    assert not serving(directory)


def test_a_tree_withdrawn_for_a_failure_stays_withdrawn_while_the_database_is_away(
    directory, monkeypatch
):
    recorder = Recorder()
    watcher = recorder.watcher(directory)
    watcher.look()
    edit_calm("Calm, edited")
    with monkeypatch.context() as patched:
        patched.setattr(publishing_watcher, "write_tree", disk_full)
        watcher.look()  # saw the edit, could not publish it: withdrawn already
    monkeypatch.setattr(publishing_watcher, "version", database_away)
    watcher.look()
    assert not serving(directory)
    assert "unavailable" in recorder.warnings[-1]


def test_stopping_withdraws_and_withdrawing_twice_is_harmless(directory):
    recorder = Recorder()
    watcher = recorder.watcher(directory)
    watcher.look()
    watcher.stop()
    assert not serving(directory)
    assert "withdrawn" in recorder.warnings[-1]
    assert pause_tree(directory) is False  # nothing live: the paused tree stays as it is
    assert (directory / PAUSED / "manifest.json").exists()


def test_looks_space_out_while_the_tree_is_withdrawn_and_keep_the_pace_otherwise(
    directory, monkeypatch
):
    recorder = Recorder()
    watcher = recorder.watcher(directory)
    watcher.look()
    assert watcher.wait(0.5) == 0.5

    with monkeypatch.context() as patched:
        patched.setattr(publishing_watcher, "version", database_away)
        watcher.look()  # the tree is current and stays: a commit may come any moment now
        assert watcher.wait(0.5) == 0.5

    edit_calm("Calm, edited")
    with monkeypatch.context() as patched:
        patched.setattr(publishing_watcher, "write_tree", disk_full)
        waits = []
        for _ in range(10):
            watcher.look()
            waits.append(watcher.wait(0.5))
    assert not serving(directory)
    assert waits[:4] == [1, 2, 4, 8] and waits[-1] == 30  # doubling, then no longer than 30 s

    watcher.look()
    assert serving(directory) and watcher.wait(0.5) == 0.5
