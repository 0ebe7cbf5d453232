"""What every API endpoint shares: JSON rendering, pagination, ordering, search, field selection.

OpenAPI defaults live in ``footcare.api.schema``: drf-spectacular reads DRF's settings on import,
which name classes of this module, so the two cannot share one.
"""

import re
import urllib.parse
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import orjson
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils.functional import Promise
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from footcare.api.filters import LARGEST_NUMBER, whole_number
from footcare.api.origin import link_origin
from footcare.models import FormerSlug


def _orjson_default(value: Any) -> Any:
    # Lazy translations and decimals are the only non-native values our serializers emit.
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class ORJSONRenderer(BaseRenderer):
    """JSON through orjson: several times faster than the stdlib encoder DRF uses.

    Our own dozen lines rather than drf-orjson-renderer: we need only compact UTF-8 output
    and lazy-string support, and keep full control of the options.
    """

    media_type = "application/json"
    format = "json"
    charset = None

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        return orjson.dumps(data, default=_orjson_default, option=orjson.OPT_NON_STR_KEYS)


class StrictContentNegotiation(DefaultContentNegotiation):
    """A ``?format=`` this endpoint cannot produce is a 400 naming the ones it can, where DRF
    would answer 404 as if the resource were missing."""

    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        wanted = request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        renderers = list(renderers)
        formats = [renderer.format for renderer in renderers]
        if not format_suffix and wanted is not None and wanted not in formats:
            raise ValidationError({"format": [f"Choose from {', '.join(formats)}."]})
        return super().select_renderer(request, renderers, format_suffix)


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """limit/offset with ``count``, ``next``, ``previous``; bad numbers are a 400, not ignored."""

    default_limit = settings.API_PAGE_SIZE
    max_limit = settings.API_MAX_PAGE_SIZE

    def _whole_number(
        self, request: Request, name: str, *, minimum: int, maximum: int
    ) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        value = whole_number(raw, minimum, maximum)
        if value is None:
            raise ValidationError({name: [f"Must be a whole number from {minimum} to {maximum}."]})
        return value

    def get_limit(self, request: Request) -> int | None:
        limit = self._whole_number(
            request, self.limit_query_param, minimum=1, maximum=self.max_limit
        )
        return self.default_limit if limit is None else limit

    def get_offset(self, request: Request) -> int:
        offset = self._whole_number(
            request, self.offset_query_param, minimum=0, maximum=LARGEST_NUMBER
        )
        return offset or 0

    def get_next_link(self) -> str | None:
        return self._from_link_origin(super().get_next_link())

    def get_previous_link(self) -> str | None:
        return self._from_link_origin(super().get_previous_link())

    def _from_link_origin(self, link: str | None) -> str | None:
        # DRF builds the link from the request's Host; a stored page is shared by every client.
        if link is None or self.request is None:
            return link
        parts = urllib.parse.urlsplit(link)
        return link_origin(self.request) + urllib.parse.urlunsplit(
            ("", "", parts.path, parts.query, "")
        )

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        page = super().get_paginated_response_schema(schema)
        page["required"] = ["count", "next", "previous", "results"]  # null, never absent
        for name, offset in (("next", 100), ("previous", 0)):
            link = page["properties"][name]
            link.pop("nullable", None)  # OpenAPI 3.0's word; the contract is 3.1
            link["type"] = ["string", "null"]
            link["example"] = f"https://footcare.example/api/v1/zones/?limit=50&offset={offset}"
        return page

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["description"] = (
                    f"Number of results per page (default {self.default_limit}, "
                    f"at most {self.max_limit}; a larger value is a 400)."
                )
                parameter["schema"].update(
                    {"minimum": 1, "maximum": self.max_limit, "default": self.default_limit}
                )
            else:
                parameter["schema"].update({"minimum": 0, "maximum": LARGEST_NUMBER})
        return parameters


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 naming it rather than silently ignored.

    A view may also name public aliases for model fields in ``ordering_aliases``
    (e.g. ``{"duration": "total_duration_seconds"}``) so the API speaks its own words.
    """

    def get_valid_fields(self, queryset: Any, view: Any, context: Any = None) -> Any:
        aliases = getattr(view, "ordering_aliases", {})
        return [*super().get_valid_fields(queryset, view, context or {}), *aliases.items()]

    def _terms(self, queryset: Any, view: Any, request: Request | None) -> list[str]:
        """Every value one item of ``ordering`` may take: a field, or ``-`` and a field."""
        fields = self.get_valid_fields(queryset, view, {"request": request})
        return [term for name, _label in sorted(fields) for term in (name, f"-{name}")]

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> Any:
        raw = request.query_params.get(self.ordering_param)
        if raw is not None:
            allowed = self._terms(queryset, view, request)
            unknown = [term for term in raw.split(",") if term not in allowed]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by {', '.join(unknown) or 'nothing'}; choose from "
                            f"{', '.join(allowed[::2])} (prefix - to reverse), comma-separated."
                        ]
                    }
                )
        ordering = super().get_ordering(request, queryset, view)
        aliases = getattr(view, "ordering_aliases", {})
        return [
            ("-" if term.startswith("-") else "") + aliases.get(term.lstrip("-"), term.lstrip("-"))
            for term in ordering or []
        ]

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        if not getattr(view, "ordering_fields", None):
            return []  # a view that orders nothing takes no ordering
        terms = self._terms(view.get_queryset(), view, None)
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": "Fields to order the results by, in order of precedence; "
                "`-` before a field reverses it.",
                "schema": {
                    "type": "array",
                    "items": {"type": "string", "enum": terms},
                    "minItems": 1,
                },
                "style": "form",
                "explode": False,
            }
        ]


class UnicodeSearchFilter(SearchFilter):
    """``?search=`` that ignores case in every alphabet, on every database.

    DRF's default ``icontains`` becomes SQLite's LIKE, which folds ASCII only: "печ" would
    miss "Печень". A case-insensitive regex of the escaped term folds Unicode on SQLite
    (Python's ``re``) and on PostgreSQL (``~*``) alike.
    """

    def construct_search(self, field_name: str, queryset: Any) -> str:
        return f"{field_name}__iregex"

    def get_search_terms(self, request: Request) -> list[str]:
        terms = search_terms(request.query_params.get(self.search_param, ""))
        problem = search_problem(terms)
        if problem:
            raise ValidationError({self.search_param: [problem]})
        return [re.escape(term) for term in terms]

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        if not getattr(view, "search_fields", None):
            return []  # a view that searches nothing takes no search
        return [
            {
                "name": self.search_param,
                "required": False,
                "in": "query",
                "description": f"Words to look for, separated by spaces or commas: at most "
                f"{MAX_SEARCH_TERMS} words of at most {MAX_SEARCH_TERM_LENGTH} characters. "
                "An item matches when it contains every word, in any case.",
                "schema": {"type": "string", "pattern": SEARCH_PATTERN},
            }
        ]


# Each search term is a regex over every search field: past these, a search costs more than
# any honest query needs (1,300 terms took 450 ms and slowed every other request).
MAX_SEARCH_TERMS = 10
MAX_SEARCH_TERM_LENGTH = 64
# Words are split at spaces and commas, and nothing else, so that the contract can state the
# rule exactly (DRF's own split also honours quotes, which no regular expression can follow).
_WORD = rf"[^\x00-\x1f\x7f ,]{{1,{MAX_SEARCH_TERM_LENGTH}}}"
SEARCH_PATTERN = rf"^[ ,]*(?:{_WORD}(?:[ ,]+{_WORD}){{0,{MAX_SEARCH_TERMS - 1}}})?[ ,]*$"


def search_terms(raw: str) -> list[str]:
    """The words of a search, as the contract's pattern reads them."""
    return [term for term in re.split(r"[ ,]+", raw) if term]


def search_problem(terms: list[str]) -> str | None:
    """Why a search is refused, in words for a person; None when it is fine."""
    if len(terms) > MAX_SEARCH_TERMS:
        return f"Search for at most {MAX_SEARCH_TERMS} words at a time."
    if any(len(term) > MAX_SEARCH_TERM_LENGTH for term in terms):
        return f"Each search word may have at most {MAX_SEARCH_TERM_LENGTH} characters."
    return None


def _names(request: Request, param: str) -> list[str]:
    raw = request.query_params.get(param)
    # Exactly the items of a comma-separated list: "a,,b" or " a" name fields that do not exist.
    return raw.split(",") if raw is not None else []


class FollowsRenamesMixin:
    """A detail request for a slug an item had before a rename is a 301 to where it is now.

    Found by the item's id (``FormerSlug``), so a chain of renames leads to the current slug
    in one step, and a draft or deleted item stays a 404.
    """

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().retrieve(request, *args, **kwargs)  # type: ignore[misc]
        except Http404:
            lookup = self.lookup_url_kwarg or self.lookup_field  # type: ignore[attr-defined]
            current = self._current_slug(kwargs[lookup])
            if current is None:
                raise
            route = request.resolver_match.view_name  # type: ignore[union-attr]  # routed here
            location = reverse(route, kwargs={lookup: current})
            if request.META.get("QUERY_STRING"):
                location += "?" + request.META["QUERY_STRING"]
            return Response(status=301, headers={"Location": location})

    def _current_slug(self, former: str) -> str | None:
        queryset = self.get_queryset()  # type: ignore[attr-defined]
        renamed = FormerSlug.objects.filter(
            model=queryset.model._meta.label_lower, slug=former
        ).first()
        if renamed is None:
            return None
        slug: str | None = queryset.filter(uuid=renamed.uuid).values_list("slug", flat=True).first()
        return slug if slug != former else None


# The media type of a list whose items hold only the fields a client chose: the contract
# describes it apart, so that the full items keep every field required and the chosen ones
# are typed as what they are.
PARTIAL_JSON = "application/vnd.footcare.partial+json"


class FieldSelectionMixin:
    """``?fields=a,b`` keeps only those fields of list items; ``?omit=c`` drops some.

    So a list screen downloads only what it shows. An unknown name is a 400 naming it; the
    answer's media type is ``PARTIAL_JSON``.
    """

    FIELDS_PARAM = "fields"
    OMIT_PARAM = "omit"

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        params = request.query_params
        selected = self.FIELDS_PARAM in params or self.OMIT_PARAM in params
        listing = getattr(self, "action", None) == "list"
        if isinstance(response, Response) and selected and listing and response.status_code == 200:
            response.content_type = PARTIAL_JSON
        return response

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        serializer = super().get_serializer(*args, **kwargs)  # type: ignore[misc]
        if getattr(self, "action", None) != "list":
            return serializer
        request: Request = self.request  # type: ignore[attr-defined]
        keep, omit = _names(request, self.FIELDS_PARAM), _names(request, self.OMIT_PARAM)
        if not keep and not omit:
            return serializer
        fields = serializer.child.fields
        for param, names in ((self.FIELDS_PARAM, keep), (self.OMIT_PARAM, omit)):
            unknown = [name for name in names if name not in fields]
            if unknown:
                raise ValidationError(
                    {
                        param: [
                            f"Unknown field(s) {', '.join(unknown)}; "
                            f"choose from {', '.join(fields)}."
                        ]
                    }
                )
        for name in list(fields):
            if (keep and name not in keep) or name in omit:
                fields.pop(name)
        return serializer
