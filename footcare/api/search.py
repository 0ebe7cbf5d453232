"""Ordering and search of lists: only the fields and words the contract names."""

import re
from typing import Any

from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter, SearchFilter
from rest_framework.request import Request

from footcare.content.search_words import (
    MAX_SEARCH_TERM_LENGTH,
    MAX_SEARCH_TERMS,
    SEARCH_PATTERN,
    search_problem,
    search_terms,
)


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
