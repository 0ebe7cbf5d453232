"""RFC 9457 problem details: the one error format of everything under /api/.

Three entry points produce it: DRF's exception handler (validation, 404, 405, 406, 429 …),
and a middleware that answers uncaught exceptions and rewrites any other error page that
would leave /api/ as HTML (Django's URL resolver 404s, debug pages, CSRF failures).
"""

import logging
from collections.abc import Iterator
from http import HTTPStatus
from typing import Any

import orjson
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework import exceptions

PROBLEM_CONTENT_TYPE = "application/problem+json"
VALIDATION_ERROR_TYPE = "urn:footcare:problem:validation-error"


logger = logging.getLogger("django.request")


def problem_response(
    status: int,
    detail: str,
    *,
    type_: str = "about:blank",
    title: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """Build an ``application/problem+json`` response."""
    body: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return HttpResponse(
        orjson.dumps(body), status=status, content_type=PROBLEM_CONTENT_TYPE, headers=headers
    )


def flatten_errors(detail: Any, field: str | None = None) -> Iterator[dict[str, str]]:
    """Turn DRF's nested error structure into a flat list of ``{field, message}``.

    Nested fields are joined with dots (``steps.2.pressure``); errors that belong to no
    field carry the field ``non_field_errors``.
    """
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key) if field is None else f"{field}.{key}"
            yield from flatten_errors(value, name)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            for item in detail:
                yield {"field": field or "non_field_errors", "message": str(item)}
        else:
            for index, item in enumerate(detail):
                yield from flatten_errors(item, f"{field}.{index}" if field else str(index))
    else:
        yield {"field": field or "non_field_errors", "message": str(detail)}


def validation_problem(errors: list[dict[str, str]]) -> HttpResponse:
    """A 400 naming every invalid field, for a client to fix its request."""
    fields = sorted({error["field"] for error in errors})
    return problem_response(
        400,
        f"The request has invalid values for: {', '.join(fields)}.",
        type_=VALIDATION_ERROR_TYPE,
        title="Invalid request",
        errors=errors,
    )


def drf_exception_handler(exc: Exception, context: dict[str, Any]) -> HttpResponse | None:
    """DRF ``EXCEPTION_HANDLER``: every API exception becomes a problem.

    Anything that is not an API exception is left to propagate (returning ``None``) so that
    the middleware logs it and answers 500.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    if isinstance(exc, exceptions.ValidationError):
        return validation_problem(list(flatten_errors(exc.detail)))

    headers: dict[str, str] = {}
    wait = getattr(exc, "wait", None)  # set on Throttled; absent from the type stubs
    if wait is not None:
        headers["Retry-After"] = str(int(wait) + 1)
    type_ = getattr(exc, "problem_type", "about:blank")
    title = getattr(exc, "problem_title", None)
    response = problem_response(
        exc.status_code, str(exc.detail), type_=type_, title=title, headers=headers
    )
    if isinstance(exc, exceptions.MethodNotAllowed):
        view = context.get("view")
        if view is not None:
            response["Allow"] = ", ".join(view.allowed_methods)
    return response


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """The answer while the database cannot be reached or does not answer in time."""
    logger.warning("Database unavailable while answering %s", request.path, exc_info=True)
    return problem_response(
        503,
        "The content database is not answering; try again shortly.",
        title="Service unavailable",
        headers={"Retry-After": str(settings.DATABASE_RETRY_AFTER)},
    )


# What a database that is down, unreachable or past its statement timeout raises.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")
