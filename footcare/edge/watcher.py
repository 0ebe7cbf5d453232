"""The publishing worker's rule: the tree nginx serves is the content's latest version, or none.

``manage.py publish_static DIR --watch`` looks at the content version every interval and
publishes when it moved (``footcare.edge.tree``). When it cannot (the render fails, the
disk is full, the database went away after a commit it had not published yet) or when it
stops, nobody keeps the tree current any more, so it is withdrawn: nginx then passes every
request to the application servers, which read the database and are never behind. The next
publish puts a tree back.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import DatabaseError, connection

from footcare.api.response_cache import FORMAT
from footcare.content.journal import version
from footcare.content.schedules import apply_due
from footcare.edge.tree import State, Tree, pause_tree, tree_state, write_tree

logger = logging.getLogger(__name__)

# While the tree is withdrawn after failures, the looks space out, doubling up to this: a full
# disk or a render that keeps failing must not render everything twice a second. Nothing is
# stale meanwhile (nginx passes every request to the app); a tree that stays keeps the pace.
LONGEST_WAIT_SECONDS = 30.0


@dataclass
class Watcher:
    """Keeps ``directory``'s live tree at the content version, or takes it out of service."""

    directory: Path
    origin: str
    report: Callable[[Tree], None]
    warn: Callable[[str], None]
    # The content version at the last look that reached the database; None before the first.
    seen: int | None = None
    failures: int = 0  # looks in a row that left no tree live

    def wait(self, interval: float) -> float:
        """Seconds until the next look."""
        return min(interval * 2 ** min(self.failures, 16), max(interval, LONGEST_WAIT_SECONDS))

    def look(self) -> None:
        """One look: apply what editors scheduled for now, then publish what changed, or the
        full syncs once nothing newer waits."""
        self._apply_schedules()
        try:
            self.seen = version().position
        except DatabaseError as error:
            # Nothing can commit while the database is away, so a tree that was current at
            # the last look still is; one that was behind (or unknown) must not be served.
            _reconnect_next_time()
            self._pause_if_behind(f"The database is unavailable ({error})")
            return
        try:
            live = tree_state(self.directory)
            if not self._current(live):
                self.report(self.write_tree(complete=False))  # what changed, first
            elif live is not None and not live.complete:
                self.report(self.write_tree(complete=True))  # the full syncs
            self.failures = 0
        except Exception as error:  # anything: the rule must hold whatever went wrong
            logger.exception("Publishing failed")
            _reconnect_next_time()
            self._pause_if_behind(f"Publishing failed ({type(error).__name__}: {error})")

    def _apply_schedules(self) -> None:
        # Before the version is read, so a routine published now is in this look's tree. A
        # failure here must not keep changes from being published: it is logged and retried.
        try:
            for line in apply_due():
                self.warn(line)
        except DatabaseError:
            _reconnect_next_time()  # the look below finds the database gone and says so
        except Exception:
            logger.exception("Applying the schedules failed")

    def stop(self) -> None:
        """Nobody will keep the tree current: stop serving it."""
        if pause_tree(self.directory):
            self.warn("Stopped: the tree is withdrawn; nginx passes every request to the app.")

    def _current(self, live: State | None) -> bool:
        return live is not None and (live.position, live.format) == (self.seen, FORMAT)

    def _pause_if_behind(self, why: str) -> None:
        if self._current(tree_state(self.directory)):  # never, before a first look
            self.failures = 0
            self.warn(f"{why}; the tree is current and stays; trying again.")
            return
        self.failures += 1
        if pause_tree(self.directory):
            self.warn(f"{why}; the tree was behind and is withdrawn; trying again.")
        else:
            self.warn(f"{why}; trying again.")

    def write_tree(self, *, complete: bool = True) -> Tree:
        """Publish now; raise NothingRendered if no answer could be rendered."""
        done = write_tree(self.directory, origin=self.origin, complete=complete)
        if done.answers == 0:
            # Every answer refused the origin's host: the live tree holds nothing, so nginx
            # passes every request to the application; say why rather than go on quietly.
            raise NothingRendered(self.origin)
        return done


def _reconnect_next_time() -> None:
    """A connection an error may have broken is not used again: the next look opens another.
    (Inside a caller's transaction, a test's or a shell's, it is the caller's to end.)"""
    if not connection.in_atomic_block:
        connection.close()


class NothingRendered(Exception):
    """No answer was rendered: the origin's host is not one the application serves."""

    def __init__(self, origin: str) -> None:
        super().__init__(f"Nothing was published: is the host of {origin} in DJANGO_ALLOWED_HOSTS?")
