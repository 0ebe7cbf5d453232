"""What the API's viewsets share: old slugs that redirect, the fields a client selects, and
the one base every catalogue resource is served by (``CatalogueViewSet``)."""

from typing import Any

from django.http import Http404
from django.urls import reverse
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.viewsets import ReadOnlyModelViewSet

from footcare.content.identity import renamed_to


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
        return renamed_to(self.get_queryset(), former)  # type: ignore[attr-defined]


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


class CatalogueViewSet(FollowsRenamesMixin, FieldSelectionMixin, ReadOnlyModelViewSet):
    """A catalogue resource: a list, and each item at its slug (a former slug redirects).

    ``detail_serializer_class``, where set, serves the detail; the list keeps
    ``serializer_class``, compact.
    """

    lookup_field = "slug"
    detail_serializer_class: type[BaseSerializer] | None = None

    def get_serializer_class(self) -> type[BaseSerializer]:
        if self.action == "retrieve" and self.detail_serializer_class is not None:
            return self.detail_serializer_class
        return super().get_serializer_class()
