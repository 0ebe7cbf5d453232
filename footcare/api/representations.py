"""Stored representations: API answers built once per content version, then served as bytes.

The content version is the content journal's last committed position, read from the
database on every request (one primary-key lookup). Every process of every server therefore
agrees on it, with any cache backend and after a cache outage: a change is served by
everyone from its commit on. A representation is keyed by that version, its path and query,
language and Accept header; it is kept with a gzip copy, an ETag and Last-Modified. A hit
costs that lookup and one cache read; a conditional request that matches is answered 304
from the same two reads, before any view runs.

The in-process default cache is per process: each worker builds its own copy of an answer
once per version. With several app servers, REDIS_URL lets them share the bytes. If the
cache is down, answers come from the database as if nothing were stored.
"""

import gzip
import hashlib
import logging
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import get_language

from footcare.content.journal import Version, version

logger = logging.getLogger(__name__)

STORED_HEADERS = ("Content-Type", "Content-Language", "Vary", "Deprecation", "Sunset", "Link")


def _safely(operation: Callable[[], Any], default: Any = None) -> Any:
    """Run a cache operation; a cache outage degrades to the database, never to an error."""
    try:
        return operation()
    except Exception:  # any backend error: Redis down, timeouts, …
        logger.warning("The cache is unavailable; answering from the database.", exc_info=True)
        return default


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.API_REPRESENTATION_CACHE
        and request.method in ("GET", "HEAD")
        and request.path.startswith(settings.API_CACHED_PREFIX)
        and not any(request.path.startswith(p) for p in settings.API_UNCACHED_PREFIXES)
    )


def _key(request: HttpRequest, position: int) -> str:
    query = "&".join(sorted(request.GET.urlencode().split("&")))
    accept = request.headers.get("Accept", "")
    raw = f"{request.path}?{query}|{get_language()}|{accept}"
    return f"repr:{position}:{hashlib.sha256(raw.encode()).hexdigest()}"


def _wants_gzip(request: HttpRequest) -> bool:
    for coding in request.headers.get("Accept-Encoding", "").split(","):
        name, _, params = coding.strip().partition(";")
        if name.strip().lower() in ("gzip", "*"):
            return params.replace(" ", "").lower() not in ("q=0", "q=0.0", "q=0.00", "q=0.000")
    return False


def _etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match")
    if header is None:
        return False
    if header.strip() == "*":
        return True
    # Weak comparison, as RFC 9110 asks for If-None-Match: the gzip variant counts as equal.
    bare = etag.strip('"').removesuffix("-gz")
    return any(
        tag.strip().removeprefix("W/").strip('"').removesuffix("-gz") == bare
        for tag in header.split(",")
    )


def _not_modified_since(request: HttpRequest, last_modified: int) -> bool:
    if "If-None-Match" in request.headers:
        return False  # RFC 9110: If-None-Match wins over If-Modified-Since
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def _cache_headers(response: HttpResponseBase) -> None:
    response["Cache-Control"] = (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
    )
    patch_vary_headers(response, ["Accept-Language", "Accept-Encoding"])


def _answer(request: HttpRequest, stored: dict[str, Any]) -> HttpResponseBase:
    gzipped = _wants_gzip(request)
    etag = stored["etag"][:-1] + '-gz"' if gzipped else stored["etag"]
    if _etag_matches(request, etag) or _not_modified_since(request, stored["last_modified"]):
        response: HttpResponseBase = HttpResponseNotModified()
    else:
        response = HttpResponse(stored["gzip"] if gzipped else stored["body"])
        if gzipped:
            response["Content-Encoding"] = "gzip"
    for name, value in stored["headers"].items():
        if not isinstance(response, HttpResponseNotModified) or name != "Content-Type":
            response[name] = value
    response["ETag"] = etag
    response["Last-Modified"] = http_date(stored["last_modified"])
    _cache_headers(response)
    return response


def _store(response: HttpResponse, key: str, current: Version) -> dict[str, Any]:
    """The answer as kept: bytes, a gzip copy, validators and headers."""
    body = response.content
    stored = {
        "body": body,
        "gzip": gzip.compress(body, compresslevel=6, mtime=0),
        # The validator names the content itself: it changes with every visible change to
        # what this answer shows, and with nothing else.
        "etag": f'"{hashlib.sha256(body).hexdigest()[:20]}"',
        "last_modified": current.changed,
        "headers": {name: response[name] for name in STORED_HEADERS if name in response},
    }
    _safely(lambda: cache.set(key, stored, timeout=settings.API_REPRESENTATION_TIMEOUT))
    return stored


def _throttled(request: HttpRequest) -> HttpResponseBase | None:
    """The API's rate limit applies to stored answers too (DRF's check runs only on a miss)."""
    if not settings.API_THROTTLE_RATE:
        return None
    from footcare.api.conventions import ClientRateThrottle
    from footcare.api.problems import problem_response

    throttle = ClientRateThrottle()
    # The throttle reads only the client address and whether someone is logged in.
    client = SimpleNamespace(user=None, META=request.META, headers=request.headers)
    if throttle.allow_request(client, None):  # type: ignore[arg-type]
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
        current = version()
        key = _key(request, current.position)
        stored = _safely(lambda: cache.get(key))
        if stored is not None:
            return _throttled(request) or _answer(request, stored)
        response = self.get_response(request)
        if (
            response.status_code != 200
            or not isinstance(response, HttpResponse)
            or response.streaming
        ):
            return response
        # With the cache down the answer is still validated, just not kept.
        return _answer(request, _store(response, key, current))


def warm(paths: list[str]) -> int:
    """Build and store the representations of ``paths`` in every language; returns the count."""
    from django.test import Client

    host = (settings.ALLOWED_HOSTS or ["localhost"])[0].lstrip(".")
    client = Client(HTTP_HOST="localhost" if host == "*" else host)
    built = 0
    for language, _name in settings.LANGUAGES:
        for path in paths:
            if client.get(path, HTTP_ACCEPT_LANGUAGE=language).status_code == 200:
                built += 1
    return built
