"""Stored answers served before any view runs, and new answers stored.

See ``footcare.api.response_cache``.
"""

import hashlib
from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.utils.translation import get_language

from footcare.api.encodings import compressed
from footcare.api.negotiation import negotiated_media_type
from footcare.api.origin import link_origin
from footcare.api.problems import DATABASE_UNAVAILABLE, database_unavailable
from footcare.api.response_cache import (
    FORMAT,
    STORED_HEADERS,
    Representation,
    entity_tag,
    recent,
)
from footcare.api.shared_cache import breaker
from footcare.content.journal import Version, version


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.API_REPRESENTATION_CACHE
        and request.method in ("GET", "HEAD")
        and request.path.startswith(settings.API_CACHED_PREFIX)
        and not any(request.path.startswith(p) for p in settings.API_UNCACHED_PREFIXES)
    )


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
    breaker.run(lambda: cache.set(key, stored, timeout=settings.API_REPRESENTATION_TIMEOUT))
    representation = Representation(stored)
    recent.put(key, representation)
    return representation


def _stored(key: str) -> Representation | None:
    representation = recent.get(key)
    if representation is None:
        stored = breaker.run(lambda: cache.get(key))
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


class ResponseCacheMiddleware:
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
