"""What every API endpoint shares: JSON rendering, pagination, ordering, search, field selection.

OpenAPI defaults live in ``footcare.api.schema``: drf-spectacular reads DRF's settings on import,
which name classes of this module, so the two cannot share one.
"""

import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import orjson
from django.conf import settings
from django.utils.functional import Promise
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


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


class LimitOffsetPagination(pagination.LimitOffsetPagination):
    """limit/offset with ``count``, ``next``, ``previous``; bad numbers are a 400, not ignored."""

    default_limit = settings.API_PAGE_SIZE
    max_limit = settings.API_MAX_PAGE_SIZE

    # Plain ASCII digits only: int() would also take " 5", "5_0" and other scripts' digits.
    PLAIN_NUMBER = re.compile(r"[0-9]{1,9}")

    def _whole_number(
        self, request: Request, name: str, *, minimum: int, maximum: int | None = None
    ) -> int | None:
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        value = int(raw) if self.PLAIN_NUMBER.fullmatch(raw) else -1
        if value < minimum or (maximum is not None and value > maximum):
            limits = f"from {minimum} to {maximum}" if maximum else f"of at least {minimum}"
            raise ValidationError({name: [f"Must be a whole number {limits}."]})
        return value

    def get_limit(self, request: Request) -> int | None:
        limit = self._whole_number(
            request, self.limit_query_param, minimum=1, maximum=self.max_limit
        )
        return self.default_limit if limit is None else limit

    def get_offset(self, request: Request) -> int:
        return self._whole_number(request, self.offset_query_param, minimum=0) or 0

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
                parameter["schema"]["minimum"] = 0
        return parameters


class StrictOrderingFilter(OrderingFilter):
    """DRF's ordering, but an unknown field is a 400 naming it rather than silently ignored.

    A view may also name public aliases for model fields in ``ordering_aliases``
    (e.g. ``{"duration": "total_duration_seconds"}``) so the API speaks its own words.
    """

    def get_valid_fields(self, queryset: Any, view: Any, context: Any = None) -> Any:
        aliases = getattr(view, "ordering_aliases", {})
        return [*super().get_valid_fields(queryset, view, context or {}), *aliases.items()]

    def get_ordering(self, request: Request, queryset: Any, view: Any) -> Any:
        raw = request.query_params.get(self.ordering_param)
        if raw:
            valid = {
                name for name, _label in self.get_valid_fields(queryset, view, {"request": request})
            }
            unknown = [term for term in raw.split(",") if term.strip().lstrip("-") not in valid]
            if unknown:
                raise ValidationError(
                    {
                        self.ordering_param: [
                            f"Cannot order by {', '.join(unknown)}; "
                            f"choose from {', '.join(sorted(valid))} (prefix - to reverse)."
                        ]
                    }
                )
        ordering = super().get_ordering(request, queryset, view)
        aliases = getattr(view, "ordering_aliases", {})
        return [
            ("-" if term.startswith("-") else "") + aliases.get(term.lstrip("-"), term.lstrip("-"))
            for term in ordering or []
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
        terms = super().get_search_terms(request)
        problem = search_problem(terms)
        if problem:
            raise ValidationError({self.search_param: [problem]})
        return [re.escape(term) for term in terms]


# Each search term is a regex over every search field: past these, a search costs more than
# any honest query needs (1,300 terms took 450 ms and slowed every other request).
MAX_SEARCH_TERMS = 10
MAX_SEARCH_TERM_LENGTH = 64


def search_problem(terms: list[str]) -> str | None:
    """Why a search is refused, in words for a person; None when it is fine."""
    if len(terms) > MAX_SEARCH_TERMS:
        return f"Search for at most {MAX_SEARCH_TERMS} words at a time."
    if any(len(term) > MAX_SEARCH_TERM_LENGTH for term in terms):
        return f"Each search word may have at most {MAX_SEARCH_TERM_LENGTH} characters."
    return None


def _names(request: Request, param: str) -> list[str]:
    raw = request.query_params.get(param)
    return [name.strip() for name in raw.split(",") if name.strip()] if raw else []


class FieldSelectionMixin:
    """``?fields=a,b`` keeps only those fields of list items; ``?omit=c`` drops some.

    So a list screen downloads only what it shows. An unknown name is a 400 naming it.
    """

    FIELDS_PARAM = "fields"
    OMIT_PARAM = "omit"

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
