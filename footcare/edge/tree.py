"""Publishing: every public API answer written as files that nginx serves as they are.

``manage.py publish_static DIR`` renders each public GET answer through the application
itself (the same middleware, so the same bytes, ETag and headers), in every language, and
writes them into a new tree beside the one being served, then switches with one rename:

    DIR/live -> trees/<name>                  what nginx serves (deploy/nginx/)
    DIR/paused -> trees/<name>                a tree withdrawn while nobody keeps it current;
                                               live then points to DIR/empty
    DIR/trees/<name>/
        manifest.json                          version, and every answer with its headers
        <lang>/<path>@<query>                  a symlink to the answer's object:
                                               en/api/v1/zones/@,
                                               en/api/v1/foot-map/@foot=left&view=plantar
        objects/<Cache-Control>/<Vary>/<Last-Modified>/<ETag>/
                                               body, body.gz, body.br (mtime: Last-Modified)

nginx learns an answer's headers from the real path of the object it opens (its
``$realpath_root``), so no header is written twice and the configuration holds no value of
the application's settings.

A publish after a change renders only what the change can show: the content journal names
the items changed since the live tree's version (with every item that shows a copy of them),
and each answer is known by the item it shows (``SyncResource.paths``). The rest is linked
from the live tree, and only new bytes are compressed. The first publish, a new release,
another origin or a journal compacted past the live tree's version render everything.

A tree is rendered inside one database snapshot, so it shows one content version. Answers
that need the application (a text in English for want of a translation, a deprecated
version) are left out, and nginx passes those paths to the application; so are paths that
are gone (a deleted or withdrawn routine), which are simply absent from the new tree.

A tree nobody keeps current must not be served: ``withdraw`` points ``live`` at an empty
directory (nginx then passes every request to the application, which is never behind) and
keeps the tree as ``paused``; the next publish starts from it as it would from a live one.
"""

import fcntl
import glob
import json
import os
import shutil
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils.http import http_date, parse_http_date_safe

from footcare.api.encodings import Encoding, compressed
from footcare.api.language import FALLBACK_HEADER
from footcare.api.response_cache import FORMAT
from footcare.api.sync import sync_resources
from footcare.content.journal import (
    VERSION_QUERY,
    Version,
    changes_between,
    positions,
    version,
)

LIVE = "live"
PAUSED = "paused"
EMPTY = "empty"
TREES = "trees"
OBJECTS = "objects"
MANIFEST = "manifest.json"
# Where a path's answer is linked in the tree: the path, then "@", then its query string.
MARK = "@"
# The content types nginx can name from an extension (``types`` in the configuration).
EXTENSIONS = {"application/json": "json", "image/svg+xml; charset=utf-8": "svg"}
# Answers carrying one of these need the application: nginx would not send the header.
APPLICATION_ONLY = (FALLBACK_HEADER, "Deprecation", "Sunset", "Link")
# The headers an object's path holds, in order, before its ETag.
HEADERS_IN_PATH = ("Cache-Control", "Vary", "Last-Modified")
KEPT_HEADERS = ("ETag", "Last-Modified", "Cache-Control", "Content-Type", "Vary")
FILES: tuple[tuple[str, Encoding], ...] = (
    ("body", "identity"),
    ("body.gz", "gzip"),
    ("body.br", "br"),
)
# Old trees are removed once two newer ones exist: a request nginx began on a tree finishes
# long before the next publish but one.
KEEP_TREES = 2


@dataclass(frozen=True)
class Target:
    """A public path, and which item of which resource its answer shows."""

    path: str
    resource: str | None = None  # None: it shows everything (the index, the syncs)
    item: str | None = None  # None: all items of the resource (a list)
    shows: tuple[str, ...] = ()
    # Rendered in a second step (the full syncs: seconds each at 200 routines), so that the
    # other answers go live without waiting for them; meanwhile nginx passes them to the app.
    deferred: bool = False


@dataclass
class Tree:
    """What one publish wrote, for the command's report and for tests."""

    tree: Path
    version: Version
    rendered: int = 0  # answers rendered now; the others were linked from the last tree
    answers: int = 0  # (language, path) pairs in the tree
    objects: int = 0
    compressed: int = 0  # objects compressed now; the others were linked from the last tree
    left_to_the_application: list[str] = field(default_factory=list)
    deferred: int = 0  # answers left to a second step
    seconds: float = 0.0
    # How long until every answer but the deferred ones was live (all of it, in one step).
    first_step_seconds: float = 0.0


def targets() -> list[Target]:
    """Every public GET path whose answer is the same for everyone; lists' further pages are
    found by following their ``next`` links."""
    # The labels show no item, but their Last-Modified is the content's: rendered every time.
    found = [Target(reverse("v1:index")), Target(reverse("v1:labels"))]
    found += [Target(reverse(name), deferred=True) for name in ("v1:sync", "v1:lean-sync")]
    for resource in sync_resources():
        for item, paths in resource.paths().items():
            found += [Target(path, resource.resource, item, resource.shows(path)) for path in paths]
    return list({target.path: target for target in found}.values())


def public_paths() -> list[str]:
    return [target.path for target in targets()]


def link_name(path: str) -> str:
    """Where ``path`` (with its query) is linked inside a language's directory."""
    parts = urllib.parse.urlsplit(path)
    return f"{parts.path.lstrip('/')}{MARK}{parts.query}"


def write_tree(directory: Path, *, origin: str, complete: bool = True) -> Tree:
    """Render the public answers into a new tree under ``directory`` and make it live.

    ``origin`` is the public scheme and host (``https://api.example.com``): list pages link
    to their next page with it, as the application does for the host a client asked.

    First what changed goes live without the full syncs (nginx passes those to the app
    meanwhile); then, if ``complete``, a second tree adds them, unless the content changes
    again while they render: the watcher then publishes that change first."""
    directory = directory.resolve()
    (directory / TREES).mkdir(parents=True, exist_ok=True)
    origin = origin.rstrip("/")
    with _exclusive(directory):
        first = _TreeWriter(directory, origin, defer=True).run()
        if not (complete and first.deferred):
            return first
        # Inside a caller's transaction (a test, a shell) another connection cannot see the
        # content this one renders: never give way then.
        moved = (lambda: False) if connection.in_atomic_block else _content_moved(first)
        second = _TreeWriter(directory, origin, defer=False, give_way=moved).run()
        second.seconds += first.seconds
        second.rendered += first.rendered
        second.compressed += first.compressed
        second.first_step_seconds = first.seconds
        return second


@dataclass(frozen=True)
class State:
    """What the live tree holds."""

    position: int
    format: str
    complete: bool  # the full syncs too


def tree_state(directory: Path) -> State | None:
    """The live tree's content version, answer format and completeness; None if there is
    none. The format changes with a release that changes answers, so a deploy republishes."""
    manifest = _manifest(directory / LIVE)
    if manifest is None:
        return None
    return State(int(manifest["position"]), str(manifest["format"]), bool(manifest["complete"]))


def pause_tree(directory: Path) -> bool:
    """Stop serving the live tree, keeping it to publish from: whether there was one.

    ``live`` goes on pointing somewhere (an empty directory), because nginx may have just
    found a path through it: the answer's real path must still resolve, and then, missing,
    goes to the application."""
    live = directory / LIVE
    if _manifest(live) is None:
        return False
    _point(directory / PAUSED, live.resolve())
    (directory / EMPTY).mkdir(exist_ok=True)
    _point(live, directory / EMPTY)
    return True


def _point(link: Path, target: Path) -> None:
    """Make ``link`` a relative symlink to ``target`` with one rename: a reader sees the old
    target or the new."""
    pointer = link.with_name(f".{link.name}-{os.getpid()}")
    pointer.unlink(missing_ok=True)
    pointer.symlink_to(os.path.relpath(target, link.parent))
    os.replace(pointer, link)


def _content_moved(since: Tree) -> Callable[[], bool]:
    """Whether a commit came after ``since``'s version, read outside any snapshot (a
    connection of its own: the render's snapshot would not see it)."""

    def moved() -> bool:
        outside = connections.create_connection(DEFAULT_DB_ALIAS)
        try:
            with outside.cursor() as cursor:
                cursor.execute(VERSION_QUERY)
                row = cursor.fetchone()
        finally:
            outside.close()
        return row is not None and int(row[0]) != since.version.position

    return moved


def _manifest(tree: Path) -> dict[str, Any] | None:
    try:
        manifest = json.loads((tree / MANIFEST).read_text())
        int(manifest["position"]), str(manifest["format"]), dict(manifest["answers"])
        bool(manifest["complete"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return manifest


@contextmanager
def _exclusive(directory: Path) -> Iterator[None]:
    """One publish at a time per directory: a slower, older render must not switch last."""
    with open(directory / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@contextmanager
def _snapshot() -> Iterator[None]:
    """One consistent view of the content for the whole render: on PostgreSQL a repeatable
    read, on SQLite the read transaction itself. Inside a caller's transaction (a test's, a
    shell's) the isolation level is already fixed by its first query, so it is the caller's."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        yield


class _TreeWriter:
    """One publish: plan, render or link each answer, write the manifest, switch."""

    def __init__(
        self,
        directory: Path,
        origin: str,
        *,
        defer: bool,
        give_way: Callable[[], bool] = lambda: False,
    ) -> None:
        self.directory = directory
        self.origin = origin
        self.defer = defer
        self.give_way = give_way
        self.trees = directory / TREES
        # The tree this one starts from: the live one, or the one withdrawn while no
        # publisher kept it current.
        self.previous: Path | None = None
        self.before: dict[str, Any] | None = None
        for pointer in (directory / LIVE, directory / PAUSED):
            if (manifest := _manifest(pointer)) is not None:
                self.previous, self.before = pointer.resolve(), manifest
                break
        for unfinished in self.trees.glob(".building-*"):  # left by a publish that was killed
            shutil.rmtree(unfinished, ignore_errors=True)
        self.building = self.trees / f".building-{time.time_ns()}"
        self.objects = self.building / OBJECTS
        self.objects.mkdir(parents=True)
        # language -> path -> the answer's headers, its object and the list it is a page of
        self.answers: dict[str, dict[str, dict[str, str]]] = {}
        self.client = Client()
        # Each request as a client of the origin makes it, on the origin's scheme and port:
        # without DJANGO_PUBLIC_ORIGIN, links start with the scheme a request came by and keep
        # only the port the server answers on (footcare/api/origin.py).
        address = urllib.parse.urlsplit(origin)
        secure = address.scheme == "https"
        self.to_origin: dict[str, Any] = {
            "secure": secure,
            "HTTP_HOST": address.netloc,
            "SERVER_PORT": str(address.port or (443 if secure else 80)),
        }

    def run(self) -> Tree:
        started = time.monotonic()
        with _snapshot():
            current = version()
            self.done = Tree(tree=self.building, version=current)
            self.last_modified = http_date(current.changed)
            touched = self._touched_since_live(current)
            for target in targets():
                for language, _name in settings.LANGUAGES:
                    if not self._must_render(target, language, touched):
                        self._link_from_live(language, target.path)
                    elif target.deferred and (self.defer or self.give_way()):
                        self.done.deferred += 1
                    else:
                        self._render(language, target.path)
        self.done.objects = sum(1 for _ in self.objects.glob("*/*/*/*"))
        self.done.answers = sum(len(paths) for paths in self.answers.values())
        manifest = {
            "position": current.position,
            "changed": current.changed,
            "format": FORMAT,
            "complete": self.done.deferred == 0,
            "origin": self.origin,
            "answers": self.answers,
        }
        (self.building / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True))
        final = self.trees / f"{time.time_ns()}-{current.position}"  # in the order made
        self.building.rename(final)
        self.done.tree = final
        self._switch(final)
        self._remove_old_trees(keep={final, self.previous})
        self.done.seconds = self.done.first_step_seconds = time.monotonic() - started
        return self.done

    def _touched_since_live(self, current: Version) -> dict[str, set[str]] | None:
        """Resource -> slugs changed since the live tree; None when everything must render."""
        before = self.before
        if (
            before is None
            or before["format"] != FORMAT
            or before.get("origin") != self.origin
            or not positions()[1] <= before["position"] <= current.position
        ):
            return None
        touched: dict[str, set[str]] = {}
        for resource, slug in changes_between(before["position"], current.position):
            touched.setdefault(resource, set()).add(slug)
        return touched

    def _must_render(
        self, target: Target, language: str, touched: dict[str, set[str]] | None
    ) -> bool:
        if touched is None or target.resource is None:
            return True
        if self.before is None or target.path not in self.before["answers"].get(language, {}):
            return True  # new, or left to the application last time
        if any(resource in touched for resource in target.shows):
            return True
        slugs = touched.get(target.resource, set())
        return bool(slugs) and (target.item is None or target.item in slugs)

    def _render(self, language: str, path: str, page_of: str | None = None) -> None:
        response = self.client.get(path, HTTP_ACCEPT_LANGUAGE=language, **self.to_origin)
        self.done.rendered += 1
        key = _object_key(response)
        if (
            response.status_code != 200
            or response.get("Content-Type") not in EXTENSIONS
            or any(header in response for header in APPLICATION_ONLY)
            or key is None
        ):
            self.done.left_to_the_application.append(f"{language} {path}")
            return
        if self._write_object(key, response.content):
            self.done.compressed += 1
        entry = {name: response[name] for name in KEPT_HEADERS} | {"object": key}
        self._link(language, path, entry | ({"page_of": page_of} if page_of else {}))
        following = self._next_page(response)
        if following and following not in self.answers.get(language, {}):
            self._render(language, following, page_of=page_of or path)

    def _next_page(self, response: Any) -> str | None:
        if response.get("Content-Type") != "application/json":
            return None
        try:
            link = json.loads(response.content).get("next")
        except (ValueError, AttributeError):
            return None
        if not isinstance(link, str) or not link.startswith(f"{self.origin}/"):
            return None
        return link.removeprefix(self.origin)

    def _link_from_live(self, language: str, path: str) -> None:
        """The live tree's answer (and its further pages), under this version's date."""
        assert self.before is not None and self.previous is not None  # noqa: S101 - planned so
        kept = self.before["answers"][language]
        for shown in [path] + [p for p, entry in kept.items() if entry.get("page_of") == path]:
            entry = dict(kept[shown])
            old_key = entry["object"]
            cache_control, vary, _, etag = old_key.split("/")
            entry["object"] = key = f"{cache_control}/{vary}/{self.last_modified}/{etag}"
            entry["Last-Modified"] = self.last_modified
            self._copy_object(self.previous / OBJECTS / old_key, key)
            self._link(language, shown, entry)

    def _link(self, language: str, path: str, entry: dict[str, str]) -> None:
        link = self.building / language / link_name(path)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(os.path.relpath(self.objects / entry["object"], link.parent))
        self.answers.setdefault(language, {})[path] = entry

    def _write_object(self, key: str, body: bytes) -> bool:
        """An object's three files; True if compressed now, False if linked from live."""
        if (self.objects / key).exists():
            return False
        cache_control, vary, _, etag = key.split("/")
        pattern = f"{glob.escape(cache_control)}/{glob.escape(vary)}/*/{etag}"
        old = next(self.previous.joinpath(OBJECTS).glob(pattern), None) if self.previous else None
        if old is not None and self._copy_object(old, key):
            return False
        target = self.objects / key
        target.mkdir(parents=True)
        for name, encoding in FILES:
            (target / name).write_bytes(compressed(body, encoding, best=True))
        self._date(target)
        return True

    def _copy_object(self, old: Path, key: str) -> bool:
        """Hard links to ``old``'s files under ``key``; False if ``old`` is incomplete."""
        target = self.objects / key
        if target.exists():
            return True
        if not all((old / name).is_file() for name, _ in FILES):
            return False
        target.mkdir(parents=True)
        for name, _ in FILES:
            os.link(old / name, target / name)
        self._date(target)
        return True

    def _date(self, target: Path) -> None:
        # nginx answers If-Modified-Since from the file's time (the header comes from the path).
        when = parse_http_date_safe(target.parent.name) or self.done.version.changed
        for name, _ in FILES:
            os.utime(target / name, (when, when))

    def _switch(self, tree: Path) -> None:
        """Point ``live`` at ``tree`` with one rename: a reader sees the old tree or the new."""
        _point(self.directory / LIVE, tree)
        (self.directory / PAUSED).unlink(missing_ok=True)

    def _remove_old_trees(self, keep: set[Path | None]) -> None:
        finished = sorted(tree for tree in self.trees.iterdir() if not tree.name.startswith("."))
        for tree in finished[:-KEEP_TREES]:
            if tree not in keep:
                shutil.rmtree(tree, ignore_errors=True)


def _object_key(response: Any) -> str | None:
    """``<Cache-Control>/<Vary>/<Last-Modified>/<ETag>``; None if a value cannot be a name."""
    values = [response.get(name, "") for name in HEADERS_IN_PATH]
    etag = response.get("ETag", "").strip('"')
    if not all(values) or any("/" in value or value.startswith(".") for value in values):
        return None
    if len(etag) != 20 or any(c not in "0123456789abcdef" for c in etag):
        return None
    return "/".join([*values, etag])
