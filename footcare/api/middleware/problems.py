"""Errors under /api/ leave as problem+json, whatever raised them (see footcare.api.problems)."""

import re
from collections.abc import Callable
from http import HTTPStatus

from django.core import signals
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from rest_framework.settings import api_settings

from footcare.api.problems import (
    DATABASE_UNAVAILABLE,
    PROBLEM_CONTENT_TYPE,
    database_unavailable,
    is_api_request,
    logger,
    problem_response,
)

# Response headers that stay meaningful when an error page is rewritten as a problem.
KEPT_HEADERS = ("Allow", "Retry-After", "Vary", "Content-Language", "WWW-Authenticate")
VERSION_IN_PATH = re.compile(r"^/api/(?P<version>[^/]+)/")


def _detail_for(request: HttpRequest, status: int) -> str:
    if status == 404:
        match = VERSION_IN_PATH.match(request.path)
        allowed: list[str] = api_settings.ALLOWED_VERSIONS  # type: ignore[assignment]
        if match and match["version"] not in allowed:
            return (
                f"API version {match['version']!r} does not exist; supported: {', '.join(allowed)}."
            )
        return f"Nothing is published at {request.path}."
    if status == 405:
        return f"Method {request.method} is not allowed here."
    if status >= 500:
        return "The server failed to answer this request. It has been logged."
    return HTTPStatus(status).description or HTTPStatus(status).phrase


class ProblemDetailsMiddleware:
    """Keeps /api/ free of HTML: errors leave as problem+json, whatever raised them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            is_api_request(request)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith(PROBLEM_CONTENT_TYPE)
        ):
            problem = problem_response(
                response.status_code, _detail_for(request, response.status_code)
            )
            for header in KEPT_HEADERS:
                if header in response:
                    problem[header] = response[header]
            return problem
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_api_request(request):
            return None
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(request)
        # Django would log and signal this itself on its way to an HTML 500 page; we answer
        # instead, so we keep both for error trackers.
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500},
        )
        signals.got_request_exception.send(sender=None, request=request)
        return problem_response(500, _detail_for(request, 500))
