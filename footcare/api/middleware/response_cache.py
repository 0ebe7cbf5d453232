"""Stored answers served before any view runs, and new answers stored.

See ``footcare.api.response_cache``.
"""

from collections.abc import Callable
from types import SimpleNamespace

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from footcare.api.negotiation import negotiated_media_type
from footcare.api.problems import DATABASE_UNAVAILABLE, database_unavailable
from footcare.api.response_cache import key_for, store, stored_answer
from footcare.content.journal import version


def _is_cacheable(request: HttpRequest) -> bool:
    return (
        settings.API_REPRESENTATION_CACHE
        and request.method in ("GET", "HEAD")
        and request.path.startswith(settings.API_CACHED_PREFIX)
        and not any(request.path.startswith(p) for p in settings.API_UNCACHED_PREFIXES)
    )


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
        key = key_for(request, media_type, current)
        stored = stored_answer(key)
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
        return store(response, key, current).answer(request)
