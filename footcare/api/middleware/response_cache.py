"""Stored answers served before any view runs, and new answers stored.

See ``footcare.api.response_cache``. A view that runs reads one snapshot of the content
(``footcare.content.db.snapshot``), and its answer is stored under the version read in that
snapshot: never under an older version than the content it shows, nor a newer one.
"""

from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from footcare.api.negotiation import negotiated_media_type
from footcare.api.problems import DATABASE_UNAVAILABLE, database_unavailable
from footcare.api.response_cache import key_for, store, stored_answer
from footcare.content.db import snapshot
from footcare.content.journal import Version, version


def _reads_the_api(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and request.path.startswith(settings.API_CACHED_PREFIX)


def _reads_the_content(request: HttpRequest) -> bool:
    """Every API read but the schema and its documentation pages, which read no content and
    must answer with the database down."""
    return _reads_the_api(request) and not any(
        request.path.startswith(prefix) for prefix in settings.API_UNCACHED_PREFIXES
    )


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.API_REPRESENTATION_CACHE
        and _reads_the_content(request)
        and not any(request.path.startswith(prefix) for prefix in settings.API_PRIVATE_PREFIXES)
    )


def _is_private(response: HttpResponseBase) -> bool:
    """An answer its view marked as one reader's (a preview): never stored, whatever its path."""
    directives = response.get("Cache-Control", "").lower()
    return "private" in directives or "no-store" in directives


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
        if not _reads_the_content(request):
            return self.get_response(request)
        if not _is_cacheable(request):
            return self._read(request, versioned=False)[0]
        media_type = negotiated_media_type(request)
        if media_type is None:
            return self.get_response(request)  # the view's problem answer (406, 400, 404)
        try:
            current = version()
        except DATABASE_UNAVAILABLE:
            # Without the version nobody can tell a stored answer from an outdated one.
            return database_unavailable(request)
        stored = stored_answer(key_for(request, media_type, current))
        if stored is not None:
            return _throttled(request) or stored.answer(request)
        response, read_at = self._read(request, versioned=True)
        if read_at is None:
            return response  # the database failed before the view ran
        if (
            response.status_code != 200
            or not isinstance(response, HttpResponse)
            or response.streaming
            or _is_private(response)
            # Kept only under the media type it was made in (a view that chose otherwise
            # than its negotiation said would otherwise fill another answer's place).
            or getattr(getattr(response, "accepted_renderer", None), "media_type", None)
            != media_type
        ):
            return response
        # With the cache down the answer is still validated, just not kept.
        return store(response, key_for(request, media_type, read_at), read_at).answer(request)

    def _read(
        self, request: HttpRequest, *, versioned: bool
    ) -> tuple[HttpResponseBase, Version | None]:
        """The view's answer, read in one snapshot, and (``versioned``) the content version of
        that snapshot: one more primary-key read, on a miss only (a stored answer is served
        on the version read before it, as it reads no content)."""
        try:
            with snapshot():
                current = version() if versioned else None
                return self.get_response(request), current
        except DATABASE_UNAVAILABLE:
            return database_unavailable(request), None
