"""OpenAPI defaults shared by every operation: the problem+json errors each can return."""

import copy
from typing import Any

from django.conf import settings
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from footcare.api.deprecation import view_deprecation
from footcare.api.problems import PROBLEM_CONTENT_TYPE, VALIDATION_ERROR_TYPE
from footcare.api.viewsets import PARTIAL_JSON, FieldSelectionMixin


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
        "A query parameter this operation does not take, given twice, empty where a value is "
        "needed, or with a value its schema does not allow.",
        {
            "type": VALIDATION_ERROR_TYPE,
            "title": "Invalid request",
            "status": 400,
            "detail": "The request has invalid values for: limit.",
            "errors": [{"field": "limit", "message": "Must be a whole number from 1 to 500."}],
        },
    ),
    401: _problem(
        "The token is not one the service issued, or it has expired: ask for a new one.",
        {
            "type": "about:blank",
            "title": "Unauthorized",
            "status": 401,
            "detail": "This preview link expired at 2026-12-07T09:00:00+00:00; ask for a new one.",
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
    503: _problem(
        "The database is out of reach or too slow; retry after `Retry-After` seconds.",
        {
            "type": "about:blank",
            "title": "Service Unavailable",
            "status": 503,
            "detail": "The content store is not answering; try again shortly.",
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
    "the fallback for any text not yet translated. Read as `Accept-Language` reads a tag: in "
    "any case, with `_` for `-`, a region read as its language (`RU`, `ru-RU` and `ru_RU` are "
    "`ru`; links in the answer then say `lang=ru`). A tag naming no language listed here is a "
    "400.",
)


def field_selection_parameters(fields: list[str]) -> list[OpenApiParameter]:
    """``fields`` and ``omit`` of a list whose items have ``fields``."""
    items = {"type": "array", "items": {"type": "string", "enum": fields}, "minItems": 1}
    partial = (
        f"The answer is then `{PARTIAL_JSON}`: the same list, each item holding only the "
        "chosen fields."
    )
    return [
        OpenApiParameter(
            "fields",
            items,
            style="form",
            explode=False,
            description=f"Fields to keep in each list item, comma-separated. {partial}",
        ),
        OpenApiParameter(
            "omit",
            items,
            style="form",
            explode=False,
            description=f"Fields to leave out of each list item, comma-separated. {partial}",
        ),
    ]


def _header(description: str) -> dict[str, Any]:
    return {"schema": {"type": "string"}, "description": description}


CACHE_HEADERS = {
    "ETag": _header(
        "Strong validator of this answer; send it back in `If-None-Match` to revalidate."
    ),
    "Last-Modified": _header("When the content last changed; for `If-Modified-Since`."),
    "Cache-Control": _header(
        "`public, max-age=…, stale-while-revalidate=…`; the sync's is `public, no-cache`."
    ),
    "Vary": _header("`Accept-Language, Accept-Encoding` (and `Accept` where it chooses a format)."),
    "Translation-Fallback": _header(
        "Present when some texts are in English because the requested language has none yet: "
        "which ones, as `resource.field` (e.g. `zone.caution, step.tip`)."
    ),
}
PRIVATE_CACHE_HEADERS = {
    "Cache-Control": _header("`private, no-store`: for this reader only, kept by no cache."),
    "Vary": CACHE_HEADERS["Vary"],
    "Translation-Fallback": CACHE_HEADERS["Translation-Fallback"],
}
# Sent when the service has a rate limit (DJANGO_API_THROTTLE_RATE), on every API answer.
RATE_LIMIT_HEADERS = {
    "RateLimit": _header(
        "Where this client stands (IETF draft `RateLimit` fields): "
        "`limit=…, remaining=…, reset=…`, `reset` in seconds until the count starts again. "
        "Present when the service has a rate limit."
    ),
    "RateLimit-Policy": _header(
        "The rate limit: `<requests>;w=<seconds>`. Present when the service has one."
    ),
}
# Sent on every answer of a deprecated operation or version (footcare.api.deprecation).
DEPRECATION_HEADERS = {
    "Deprecation": _header(
        "Present when this operation or its API version is deprecated: since when, as "
        "`@<seconds since the epoch>` (RFC 9745)."
    ),
    "Sunset": _header(
        "When a deprecated operation stops answering, as an HTTP date (RFC 8594); present "
        "once decided."
    ),
    "Link": _header(
        'With a deprecation: `<…>; rel="deprecation"`, where to read what to use instead.'
    ),
}
RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer", "minimum": 1},
        "description": "Seconds to wait before asking again.",
    }
}
# Headers of the error answers, by status (the 200's are CACHE_HEADERS and those above).
ERROR_HEADERS = {
    "429": RETRY_AFTER | RATE_LIMIT_HEADERS,
    "503": RETRY_AFTER,
}
# Sent by gunicorn (or a proxy in front), not by the service: no problem+json is possible there.
URI_TOO_LONG = {
    "description": "The request line is longer than the HTTP server accepts (8,190 bytes). "
    "Sent by the server in front of the service, as a short HTML page.",
    "content": {"text/html": {"schema": {"type": "string"}}},
}
MOVED = {
    "description": "The item has a new slug since an editor renamed it: `Location` is its "
    "address now (its `id` is unchanged). No body.",
    "headers": {"Location": _header("The item's current address, on this host.")},
}
# A redirect to an answer that moved because its content did (a routine's redrawn picture).
FOUND_HEADERS = {"Location": _header("Where the answer is now, on this host.")}
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
            parameters += field_selection_parameters(list(self._get_serializer().fields))
        return parameters

    def _error_codes(self) -> list[int]:
        # Every operation refuses an unknown or repeated query parameter (400) and answers 503
        # when the database is out of reach; only those with a path parameter can miss (404).
        codes = [400, 406, 429, 500, 503]
        if "{" in self.path:
            codes.append(404)
        if any(self.path.startswith(prefix) for prefix in settings.API_PRIVATE_PREFIXES):
            codes.append(401)  # a private answer is shown to a token's holder only
        return sorted(codes)

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[arg-type]
        private = any(self.path.startswith(p) for p in settings.API_PRIVATE_PREFIXES)
        if self.method == "GET" and "200" in responses:
            headers = responses["200"].setdefault("headers", {})
            # A private answer (a preview) has no validators: nobody keeps it to revalidate.
            cache = PRIVATE_CACHE_HEADERS if private else CACHE_HEADERS
            headers.update(cache | RATE_LIMIT_HEADERS | DEPRECATION_HEADERS)
            if not private:
                responses["304"] = NOT_MODIFIED
        if self.method == "GET" and "{slug}" in self.path:
            responses["301"] = MOVED
        if self.method == "GET" and "302" in responses:
            headers = responses["302"].setdefault("headers", {})
            headers.update(FOUND_HEADERS | RATE_LIMIT_HEADERS | DEPRECATION_HEADERS)
        responses["414"] = URI_TOO_LONG
        for code in self._error_codes():
            responses.setdefault(
                str(code),
                self._get_response_for_code(
                    PROBLEM_RESPONSES[code], str(code), [PROBLEM_CONTENT_TYPE], direction
                ),
            )
        for status, headers in ERROR_HEADERS.items():
            if status in responses:
                responses[status].setdefault("headers", {}).update(headers)
        return responses


# Properties an answer may leave out, each for a reason of its own; every other property of every
# component is in every answer, and the contract says so by requiring it.
EVERY_PROPERTY = frozenset({"*"})
SOMETIMES_ABSENT: dict[str, frozenset[str]] = {
    "Problem": frozenset({"errors"}),  # only problems about invalid input list them
    "SyncUpserts": EVERY_PROPERTY,  # a delta names only the collections that changed
    # The labels change only with a release: a delta carries their version only.
    "Sync": frozenset({"labels"}),
    "LeanSync": frozenset({"labels"}),
}


def require_what_is_always_present(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: require every property an answer always carries.

    drf-spectacular requires only the fields a client would have to send, and the model
    serializers here read rows whose columns have defaults: so `foot`, `difficulty` and dozens
    more were optional in the contract though never absent, and a generated client had to test
    each one. The API only answers, so the answer decides. schemathesis checks every
    answer of the running server against these schemas (`make fuzz`).
    """
    for name, schema in result["components"]["schemas"].items():
        if "properties" in schema:
            absent = SOMETIMES_ABSENT.get(name, frozenset())
            if absent is EVERY_PROPERTY:
                absent = frozenset(schema["properties"])
            schema["required"] = [field for field in schema["properties"] if field not in absent]
            if not schema["required"]:
                del schema["required"]
    return result


def describe_partial_lists(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: each list that takes ``fields``/``omit`` also answers
    ``PARTIAL_JSON``, whose items are the full items with no field required."""
    schemas = result["components"]["schemas"]
    for operations in result["paths"].values():
        get = operations.get("get", {})
        if not any(parameter["name"] == "fields" for parameter in get.get("parameters", [])):
            continue
        content = get["responses"]["200"]["content"]
        page_name = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
        page = schemas[page_name]
        item_name = page["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]
        partial_item = {
            key: value for key, value in schemas[item_name].items() if key != "required"
        }
        partial_item["description"] = (
            f"{item_name} with only the fields chosen by `fields` or `omit`."
        )
        schemas[f"Partial{item_name}"] = partial_item
        partial_page = copy.deepcopy(page)
        partial_page["properties"]["results"]["items"] = {
            "$ref": f"#/components/schemas/Partial{item_name}"
        }
        schemas[f"Partial{page_name}"] = partial_page
        content[PARTIAL_JSON] = {"schema": {"$ref": f"#/components/schemas/Partial{page_name}"}}
    result["components"]["schemas"] = dict(sorted(schemas.items()))
    return result
