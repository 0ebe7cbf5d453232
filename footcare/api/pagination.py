"""Pagination of every list: limit and offset, with bounds the contract states."""

import urllib.parse
from typing import Any

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from footcare.api.filters import LARGEST_NUMBER, whole_number
from footcare.api.origin import link_origin


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
