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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from footcare.api.encodings import Encoding, compressed, etag_variant, same_entity, wanted_encoding
from footcare.api.language import FALLBACK_HEADER
from footcare.api.negotiation import negotiated_media_type
from footcare.api.origin import link_origin
from footcare.api.parameters import CONTRACT
from footcare.api.problems import DATABASE_UNAVAILABLE, database_unavailable
from footcare.api.shared_cache import breaker
from footcare.content.journal import Version, version

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


_safely = breaker.run


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.API_REPRESENTATION_CACHE
        and request.method in ("GET", "HEAD")
        and request.path.startswith(settings.API_CACHED_PREFIX)
        and not any(request.path.startswith(p) for p in settings.API_UNCACHED_PREFIXES)
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


def _key(request: HttpRequest, media_type: str, current: Version) -> str:
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


def _store(response: HttpResponse, key: str, current: Version) -> Representation:
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
    _safely(lambda: cache.set(key, stored, timeout=settings.API_REPRESENTATION_TIMEOUT))
    representation = Representation(stored)
    recent.put(key, representation)
    return representation


def _stored(key: str) -> Representation | None:
    representation = recent.get(key)
    if representation is None:
        stored = _safely(lambda: cache.get(key))
        if stored is not None:
            representation = Representation(stored)
            recent.put(key, representation)
    return representation


def _throttled(request: HttpRequest) -> HttpResponseBase | None:
    """The API's rate limit applies to stored answers too (DRF's check runs only on a miss)."""
    if not settings.API_THROTTLE_RATE:
        return None
    from footcare.api.problems import problem_response
    from footcare.api.throttling import ClientRateThrottle

    throttle = ClientRateThrottle()
    # The throttle reads only the client address and whether someone is logged in.
    client = SimpleNamespace(
        user=None, META=request.META, headers=request.headers, _request=request
    )
    if throttle.allow_request(client, None):
        return None
    wait = throttle.wait()
    return problem_response(
        429,
        f"Request was throttled. Expected available in {int(wait or 1)} seconds.",
        headers={"Retry-After": str(int(wait or 0) + 1)},
    )


class RepresentationCacheMiddleware:
    """Serves API reads from stored bytes, and answers revalidations with 304."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not _is_cacheable(request):
            return self.get_response(request)
        media_type = negotiated_media_type(request)
        if media_type is None:
            return self.get_response(request)  # the view's problem answer (406, 400, 404)
        try:
            current = version()
        except DATABASE_UNAVAILABLE:
            # Without the version nobody can tell a stored answer from an outdated one.
            return database_unavailable(request)
        key = _key(request, media_type, current)
        stored = _stored(key)
        if stored is not None:
            return _throttled(request) or stored.answer(request)
        response = self.get_response(request)
        if (
            response.status_code != 200
            or not isinstance(response, HttpResponse)
            or response.streaming
            # Kept only under the media type it was made in (a view that chose otherwise
            # than its negotiation said would otherwise fill another answer's place).
            or getattr(getattr(response, "accepted_renderer", None), "media_type", None)
            != media_type
        ):
            return response
        # With the cache down the answer is still validated, just not kept.
        return _store(response, key, current).answer(request)


_exits_when_done: ContextVar[bool] = ContextVar("exits_when_done", default=False)


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
