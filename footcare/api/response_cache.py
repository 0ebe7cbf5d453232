"""Stored representations: API answers built once per content version, then served as bytes.

The content version is the content journal's last committed position, read from the
database on every request (one primary-key lookup). Every process of every server therefore
agrees on it, with any cache backend and after a cache outage: a change is served by
everyone from its commit on. A representation is keyed by that version, its path and query,
and what negotiation chose (the language, the media type) and the origin of its links, never
a header as the client spelt it; it is kept with gzip and Brotli copies, an ETag and
Last-Modified. A hit costs that lookup and one cache read; a conditional request that
matches is answered 304 from the same two reads, before any view runs.

The in-process default cache is per process: each worker builds its own copy of an answer
once per version. With several app servers, REDIS_URL lets them share the bytes. If the
cache is down, answers come from the database as if nothing were stored.
"""

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from footcare.api.contract import CONTRACT
from footcare.api.encodings import Encoding, compressed, etag_variant, same_entity, wanted_encoding
from footcare.api.language import FALLBACK_HEADER
from footcare.api.origin import link_origin
from footcare.api.shared_cache import breaker
from footcare.content.journal import Version

STORED_HEADERS = (
    "Cache-Control",
    "Content-Type",
    "Content-Language",
    "Vary",
    "Deprecation",
    "Sunset",
    "Link",
    FALLBACK_HEADER,
)


def _format() -> str:
    """What the stored bytes were made by: the committed contract and the release.

    The content version says when the content changed; this says when the code that turns it
    into bytes did. A deploy that adds a field must not keep serving answers stored, in a
    shared cache, by the release before it.
    """
    contract = CONTRACT.read_bytes()
    release = f"{settings.API_RELEASE}|{STORED_LAYOUT}".encode()
    return hashlib.sha256(contract + release).hexdigest()[:12]


# What a stored entry holds; a new layout (Brotli copies were added in 2) must not meet entries
# a release before it left in a shared cache.
STORED_LAYOUT = 2


FORMAT = _format()


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.META.get("HTTP_IF_NONE_MATCH")
    if header is None:
        return False
    if header.strip() == "*":
        return True
    return any(same_entity(tag, etag) for tag in header.split(","))


def _not_modified_since(request: HttpRequest, last_modified: int) -> bool:
    if "HTTP_IF_NONE_MATCH" in request.META:
        return False  # RFC 9110: If-None-Match wins over If-Modified-Since
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified <= since


def _cache_headers(response: HttpResponseBase) -> None:
    # A view may choose its own (the sync: revalidate every time); the rest may be reused a
    # while without asking.
    if not response.has_header("Cache-Control"):
        response["Cache-Control"] = (
            f"public, max-age={settings.API_CACHE_MAX_AGE}, "
            f"stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
        )
    patch_vary_headers(response, ["Accept-Language", "Accept-Encoding"])


class Representation:
    """A stored answer ready to send: every encoding with every header worked out once."""

    __slots__ = ("bodies", "headers", "last_modified", "size")

    def __init__(self, stored: dict[str, Any]) -> None:
        self.last_modified: int = stored["last_modified"]
        self.bodies: dict[Encoding, bytes] = {
            "identity": stored["body"],
            "gzip": stored["gzip"],
            "br": stored["br"],
        }
        self.size = sum(len(body) for body in self.bodies.values())
        common = HttpResponse()
        for name, value in stored["headers"].items():
            common[name] = value
        common["Last-Modified"] = http_date(self.last_modified)
        _cache_headers(common)
        plain = dict(common.items()) | {"ETag": stored["etag"]}
        self.headers: dict[Encoding, dict[str, str]] = {
            encoding: plain
            if encoding == "identity"
            else plain
            | {"ETag": etag_variant(stored["etag"], encoding), "Content-Encoding": encoding}
            for encoding in self.bodies
        }

    def answer(self, request: HttpRequest) -> HttpResponseBase:
        encoding = wanted_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        headers = self.headers[encoding]
        if _etag_matches(request, headers["ETag"]) or _not_modified_since(
            request, self.last_modified
        ):
            response: HttpResponseBase = HttpResponseNotModified()
            for name, value in headers.items():
                if name not in ("Content-Type", "Content-Encoding"):
                    response[name] = value
            return response
        return HttpResponse(self.bodies[encoding], headers=headers)


class RecentRepresentations:
    """The answers this process served last, kept as ready objects in its own memory.

    In front of the shared cache: a hit here skips the cache's unpickling (or Redis's round
    trip), which for a large answer such as the full sync costs more than sending it. Keys
    carry the content version, so an entry can never be out of date; the oldest are dropped
    past a memory budget.
    """

    def __init__(self, budget_bytes: int) -> None:
        self.budget = budget_bytes
        self.entries: OrderedDict[str, Representation] = OrderedDict()
        self.used = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> Representation | None:
        with self.lock:
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
            return found

    def put(self, key: str, representation: Representation) -> None:
        if representation.size > self.budget // 4:
            return  # one huge answer would push out everything else
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = representation
            self.used += representation.size
            while self.used > self.budget:
                _, dropped = self.entries.popitem(last=False)
                self.used -= dropped.size

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.used = 0


recent = RecentRepresentations(budget_bytes=64 * 1024 * 1024)


def entity_tag(body: bytes) -> str:
    """The validator of an answer: it names the content itself, so it changes with every
    visible change to what this answer shows, and with nothing else."""
    return f'"{hashlib.sha256(body).hexdigest()[:20]}"'


_exits_when_done: ContextVar[bool] = ContextVar("exits_when_done", default=False)


def key_for(request: HttpRequest, media_type: str, current: Version) -> str:
    """What the answer depends on, each in the form it takes after negotiation, so that
    requests that get the same bytes share them: the path and query, the language chosen,
    the media type chosen and the origin of its links. Not the content coding: every coding
    is stored with the answer and chosen as it is sent."""
    # The raw query string, in a stable order: parsing it into a QueryDict would cost more
    # than the rest of a hit. The time of the change is part of the version so that a
    # database restored to an older position can never meet bytes stored before it; the
    # compaction point, so that an answer to a sync token ends when the token does.
    query = "&".join(sorted(request.META.get("QUERY_STRING", "").split("&")))
    raw = f"{request.path}?{query}|{get_language()}|{media_type}|{link_origin(request)}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"repr:{FORMAT}:{current.position}.{current.changed}.{current.compacted}:{digest}"


def store(response: HttpResponse, key: str, current: Version) -> Representation:
    """The answer as kept: bytes, compressed copies, validators and headers."""
    body = response.content
    stored = {
        "body": body,
        "gzip": compressed(body, "gzip"),
        "br": compressed(body, "br"),
        "etag": entity_tag(body),
        "last_modified": current.changed,
        "headers": {name: response[name] for name in STORED_HEADERS if name in response},
    }
    breaker.run(lambda: cache.set(key, stored, timeout=settings.API_REPRESENTATION_TIMEOUT))
    representation = Representation(stored)
    recent.put(key, representation)
    return representation


def stored_answer(key: str) -> Representation | None:
    representation = recent.get(key)
    if representation is None:
        stored = breaker.run(lambda: cache.get(key))
        if stored is not None:
            representation = Representation(stored)
            recent.put(key, representation)
    return representation


def cache_outlives_process() -> bool:
    """Whether stored answers reach other processes (Redis), or die with this one (memory)."""
    return not isinstance(caches["default"], LocMemCache | DummyCache)


@contextmanager
def in_a_process_that_exits_when_done() -> Iterator[None]:
    """For commands (``load_content``): ``warm`` skips a per-process cache here.

    Answers warmed into this process's own memory would die with it, unread: building them
    only slows the command down (seconds, for a pack that publishes ten routines). A shared
    cache is still warmed, for the servers that read it.
    """
    token = _exits_when_done.set(True)
    try:
        yield
    finally:
        _exits_when_done.reset(token)


def warm(paths: list[str]) -> int:
    """Build and store the representations of ``paths`` in every language; returns the count."""
    from django.test import Client

    if _exits_when_done.get() and not cache_outlives_process():
        return 0

    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".")
    client = Client(HTTP_HOST="localhost" if host == "*" else host)
    built = 0
    for language, _name in settings.LANGUAGES:
        for path in paths:
            if client.get(path, HTTP_ACCEPT_LANGUAGE=language).status_code == 200:
                built += 1
    return built
