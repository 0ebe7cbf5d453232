"""OpenAPI defaults shared by every operation: the problem+json errors each can return."""

from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from footcare.api.conventions import FieldSelectionMixin
from footcare.api.deprecation import view_deprecation
from footcare.api.problems import PROBLEM_CONTENT_TYPE, VALIDATION_ERROR_TYPE


class ProblemFieldErrorSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="The query parameter or field that is wrong.")
    message = serializers.CharField(help_text="What is wrong with it, for a person to read.")


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details."""

    type = serializers.CharField(
        help_text="A URI naming the kind of problem; `about:blank` for plain HTTP errors."
    )
    title = serializers.CharField(help_text="Short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong with this request.")
    errors = ProblemFieldErrorSerializer(  # type: ignore[assignment]  # a field, not .errors
        many=True, required=False, help_text="Validation errors, one per field and message."
    )


def _problem(description: str, example: dict[str, Any]) -> OpenApiResponse:
    return OpenApiResponse(
        response=ProblemSerializer,
        description=description,
        examples=[OpenApiExample(example["title"], value=example, media_type=PROBLEM_CONTENT_TYPE)],
    )


PROBLEM_RESPONSES: dict[int, OpenApiResponse] = {
    400: _problem(
        "Invalid query parameter (an unknown filter value, a bad limit).",
        {
            "type": VALIDATION_ERROR_TYPE,
            "title": "Invalid request",
            "status": 400,
            "detail": "The request has invalid values for: limit.",
            "errors": [{"field": "limit", "message": "Must be a whole number from 1 to 500."}],
        },
    ),
    404: _problem(
        "No published resource has this identifier.",
        {"type": "about:blank", "title": "Not Found", "status": 404, "detail": "Not found."},
    ),
    406: _problem(
        "The Accept header asks for a format this endpoint cannot produce.",
        {
            "type": "about:blank",
            "title": "Not Acceptable",
            "status": 406,
            "detail": "Could not satisfy the request Accept header.",
        },
    ),
    429: _problem(
        "Too many requests from this client; retry after `Retry-After` seconds.",
        {
            "type": "about:blank",
            "title": "Too Many Requests",
            "status": 429,
            "detail": "Request was throttled. Expected available in 30 seconds.",
        },
    ),
    500: _problem(
        "The server failed; the error has been logged.",
        {
            "type": "about:blank",
            "title": "Internal Server Error",
            "status": 500,
            "detail": "The server failed to answer this request. It has been logged.",
        },
    ),
}


LANGUAGE_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=["en", "ru"],
    required=False,
    description="Content language; overrides `Accept-Language`. English is the default and "
    "the fallback for any text not yet translated.",
)
FIELD_SELECTION_PARAMETERS = [
    OpenApiParameter(
        "fields",
        str,
        required=False,
        description="Comma-separated fields to keep in each list item (others are left out). "
        "An unknown name is a 400.",
    ),
    OpenApiParameter(
        "omit",
        str,
        required=False,
        description="Comma-separated fields to leave out of each list item. An unknown name "
        "is a 400.",
    ),
]


def _header(description: str) -> dict[str, Any]:
    return {"schema": {"type": "string"}, "description": description}


CACHE_HEADERS = {
    "ETag": _header(
        "Strong validator of this answer; send it back in `If-None-Match` to revalidate."
    ),
    "Last-Modified": _header("When the content last changed; for `If-Modified-Since`."),
    "Cache-Control": _header("`public, max-age=…, stale-while-revalidate=…`."),
    "Vary": _header("`Accept-Language, Accept-Encoding` (and `Accept` where it chooses a format)."),
}
NOT_MODIFIED = {
    "description": "Not modified: the `If-None-Match` tag (or `If-Modified-Since` date) still "
    "matches, so the copy the client holds is current. No body.",
    "headers": {"ETag": CACHE_HEADERS["ETag"], "Cache-Control": CACHE_HEADERS["Cache-Control"]},
}


class AutoSchema(SpectacularAutoSchema):
    """Adds what every operation shares: the language choice, field selection on lists, and
    the problem+json error responses."""

    def is_deprecated(self) -> bool:
        version = getattr(self.view.request, "version", None) if self.view.request else None
        return super().is_deprecated() or view_deprecation(type(self.view), version) is not None

    def get_override_parameters(self) -> list[Any]:
        parameters = [*super().get_override_parameters(), LANGUAGE_PARAMETER]
        if isinstance(self.view, FieldSelectionMixin) and self._is_list_view():
            parameters += FIELD_SELECTION_PARAMETERS
        return parameters

    def _error_codes(self) -> list[int]:
        codes = [406, 429, 500]
        if self.get_filter_backends() or self._is_list_view() or self._get_paginator():
            codes.append(400)
        if "{" in self.path:
            codes.append(404)
        return sorted(codes)

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        if self.method == "GET" and "200" in responses:
            responses["200"].setdefault("headers", {}).update(CACHE_HEADERS)
            responses["304"] = NOT_MODIFIED
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    PROBLEM_RESPONSES[code], str(code), [PROBLEM_CONTENT_TYPE], direction
                ),
            )
        return responses
